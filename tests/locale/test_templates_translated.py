"""Every template's user-visible text goes through ``_()``: text nodes, the attributes
a reader or screen reader sees, and string literals printed by an expression."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from jinja2 import Environment, nodes

SRC = Path(__file__).resolve().parents[2] / "src" / "corridor"
TEMPLATES = sorted(
    [*(SRC / "web" / "templates").rglob("*.html"), *(SRC / "reports" / "templates").rglob("*.j2")]
)
SEEN_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt"}
# Text that is the same in every language: the product's name, each language's own
# name in the language switcher and the overview's column heads, a hash's name.
# File formats, UTC and SHA-256 are names, too; and the search box's example is real
# organisations' names, which stay as they are in every language; so are ISO 4217
# currency codes (the outcome form's example).
SAME_EVERYWHERE = {
    "Corridor",
    "EN",
    "English",
    "한국어",
    "中文",
    "sha256",
    "SHA-256",
    "API",
    "×",
    "UTC",
    "HTML",
    "PDF",
    "ICS",
    "JSON",
    "XLSX",
    "CSV",
    "海康 · 하이크비전 · Hikvision",
    "KRW",
    "CAP 1.2",  # the OASIS standard's name, and the feed formats' (safety feeds page)
    "RSS / Atom",
}
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
WORDS = re.compile(r"[^\W\d_]", re.U)  # any letter, in any script


class _Text(HTMLParser):
    """Collects text nodes and the visible attributes of a template with its Jinja
    constructs replaced by a letterless placeholder."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self._skip += 1
        self.found += [v for k, v in attrs if k in SEEN_ATTRIBUTES and v]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if self._skip == 0:
            self.found.append(data)


def untranslated_text(source: str) -> list[str]:
    """Visible text of a template that does not come from an expression."""
    parser = _Text()
    parser.feed(JINJA.sub("\u2063", source))
    parser.close()
    shown = [" ".join(t.replace("\u2063", " ").split()) for t in parser.found]
    return [
        t
        for t in shown
        if WORDS.search(t)
        and t.strip(" ·:—()/,") not in SAME_EVERYWHERE
        and not re.fullmatch(r"/\S*", t)  # a path shown as itself
    ]


def untranslated_literals(source: str) -> list[str]:
    """String constants printed by ``{{ … }}`` that are words (two or more, or a
    capitalised one) and not the argument of ``_()``."""
    tree = Environment(extensions=["jinja2.ext.loopcontrols"]).parse(source)
    inside: set[int] = set()
    for call in tree.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name in ("_", "ngettext"):
            inside.update(id(c) for c in call.find_all(nodes.Const))
            inside.update(id(a) for a in call.args)
    out = []
    for output in tree.find_all(nodes.Output):
        for const in output.find_all(nodes.Const):
            text = const.value
            if id(const) in inside or not isinstance(text, str):
                continue
            if re.search(r"[A-Za-z]{3,} [A-Za-z]{2,}", text) and "%" not in text:
                out.append(text)
    return out


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_every_visible_string_is_translated(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert untranslated_text(source) == []
    assert untranslated_literals(source) == []


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("<p>{{ _('Hello') }}</p>", []),
        ("<p>Hello {{ name }}</p>", ["Hello"]),
        ('<a title="Open it" href="/x">{{ _("x") }}</a>', ["Open it"]),
        ("<input placeholder=\"{{ _('Search') }}\">", []),
        ("<style>body { color: red; }</style><p>Corridor</p>", []),
        ("<p>{{ n }} · {{ m }}</p>", []),
        ("<p>심사 중</p>", ["심사 중"]),
    ],
)
def test_the_scanner_sees_what_it_should(source: str, found: list[str]) -> None:
    assert untranslated_text(source) == found


def test_the_scanner_sees_literals_outside_the_translation_function() -> None:
    assert untranslated_literals('{{ x or "no interpreter needed" }}') == ["no interpreter needed"]
    assert untranslated_literals('{{ _("no interpreter needed") }}') == []
