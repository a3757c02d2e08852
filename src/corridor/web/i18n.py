"""One translation function for every user-visible string, with the locale per request.

English is the source language: a string is its own English translation; the ko and
zh catalogs are read by ``corridor.locale`` (shared with the CLI's documents). The
locale of a request comes from ``?lang=``, then the ``corridor_lang`` cookie, then the
language the signed-in person is known by (a delegate's invitation remembers theirs),
then Accept-Language.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from corridor.locale import DEFAULT, LOCALES, translations

COOKIE = "corridor_lang"

_current: ContextVar[str] = ContextVar("corridor_locale", default=DEFAULT)


def use(locale: str) -> None:
    """Make ``locale`` the one ``_()`` translates into for the current request."""
    _current.set(locale if locale in LOCALES else DEFAULT)


def current() -> str:
    """The current request's locale."""
    return _current.get()


def _(message: str) -> str:
    """Translate ``message`` (English source text) into the current locale."""
    return translations(current()).gettext(message)


def gettext_for(locale: str) -> gettext.NullTranslations:
    """The catalog templates of one request use (passed explicitly, not via context)."""
    return translations(locale if locale in LOCALES else DEFAULT)


@contextmanager
def speaking(locale: str) -> Iterator[None]:
    """``_()`` translates into ``locale`` inside the block (an e-mail to a delegate in
    their language while the organiser's page stays in the organiser's)."""
    token = _current.set(locale if locale in LOCALES else DEFAULT)
    try:
        yield
    finally:
        _current.reset(token)


def negotiate(
    query: str | None, cookie: str | None, accept: str | None, remembered: str | None = None
) -> str:
    """The locale a request asks for: ``?lang=``, cookie, the person's remembered
    language (an invitation's), Accept-Language, English."""
    for choice in (query, cookie, remembered):
        if choice is not None and choice in LOCALES:
            return choice
    return _from_accept(accept or "")


def _from_accept(header: str) -> str:
    """The best supported language of an Accept-Language header (q-values respected)."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")[:20]):
        tag, _sep, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        ranked.append((-quality, position, tag.strip().lower().split("-")[0]))
    for quality, _pos, lang in sorted(ranked):
        if quality < 0 and lang in LOCALES:
            return lang
    return DEFAULT


ARTICLES_LANG = "/api/v1/search"
"""The call whose ``lang``, in its first (deprecated) form, is the language of the
articles asked for: without ``in`` (today's name for that), its ``lang`` is not the
reader's, who is read as when no ``lang`` is given (their choice, else Accept-Language)."""


def chosen(request: Request) -> str | None:
    """The reader's language as ``?lang=`` chooses it (none on ARTICLES_LANG's first form)."""
    params = request.query_params
    if request.url.path == ARTICLES_LANG and "in" not in params:
        return None
    return params.get("lang")


class LocaleMiddleware:
    """Chooses each request's locale; a ``?lang=`` choice is remembered in a cookie."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        asked = chosen(request)
        use(negotiate(asked, request.cookies.get(COOKIE), request.headers.get("accept-language")))

        async def remember(message: Message) -> None:
            if message["type"] == "http.response.start" and asked in LOCALES:
                headers = MutableHeaders(scope=message)
                headers.append(
                    "set-cookie", f"{COOKIE}={asked}; Max-Age=31536000; Path=/; SameSite=Lax"
                )
            await send(message)

        await self.app(scope, receive, remember)


def renegotiate(request: Request, remembered: str | None) -> str:
    """Choose the request's locale again once the caller is known (their remembered
    language ranks after an explicit choice and before the browser's)."""
    locale = negotiate(
        chosen(request),
        request.cookies.get(COOKIE),
        request.headers.get("accept-language"),
        remembered,
    )
    use(locale)
    return locale
