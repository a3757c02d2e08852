"""What every API router shares: the error responses each route documents."""

from __future__ import annotations

from typing import Any

from corridor.web.api.schemas import ErrorPublic

AUTH: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorPublic, "description": "not signed in, or a wrong API token"},
    403: {"model": ErrorPublic, "description": "the caller's roles do not allow this"},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorPublic, "description": "no such thing"}
}
BAD_INPUT: dict[int | str, dict[str, Any]] = {
    422: {"model": ErrorPublic, "description": "bad input; names the field"}
}
