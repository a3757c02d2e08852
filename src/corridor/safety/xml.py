"""Reading untrusted XML: defusedxml, no DTD, a size cap, errors in words.

Every feed body passes here before any parser sees it, so an entity-expansion bomb,
an external entity or a document type declaration is refused whoever parses next.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from corridor.exc import InvalidInput

MAX_BYTES = 5 * 1024 * 1024
"""The largest feed body read (a CAP message is kilobytes; an index a few hundred)."""


def parse(body: bytes, *, source: str) -> Element:
    """The root element of ``body``; ``InvalidInput`` naming ``source`` if refused."""
    if len(body) > MAX_BYTES:
        raise InvalidInput(f"larger than {MAX_BYTES} bytes", file=source, value=len(body))
    try:
        return fromstring(body, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as err:
        raise InvalidInput(f"refused XML: {type(err).__name__}", file=source) from err
    except ParseError as err:
        raise InvalidInput(f"malformed XML: {err}", file=source) from err


def local(tag: str) -> str:
    """A tag without its namespace."""
    return tag.rpartition("}")[2]
