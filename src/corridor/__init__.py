"""Corridor: cross-border startup diplomacy, end to end.

The public surface of the package is the domain model (``corridor.core``) and the
error hierarchy (``corridor.exc``); engines, storage and services are imported from
their own packages.
"""

from corridor.exc import Conflict, CorridorError, Forbidden, ImportRejected, InvalidInput, NotFound

__version__ = "0.1.0"

__all__ = [
    "Conflict",
    "CorridorError",
    "Forbidden",
    "ImportRejected",
    "InvalidInput",
    "NotFound",
    "__version__",
]
