"""Server-rendered SVG charts: geometry computed here, drawn by the templates.

No JavaScript and no inline styles (the CSP forbids both): bars are ``<rect>``s with
CSS classes, every bar is a link to the list it counts.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: its label, value, link, CSS class and where it is drawn."""

    label: str
    value: int
    href: str
    css: str
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class Chart:
    """A horizontal bar chart of a given size."""

    title: str
    bars: tuple[Bar, ...]
    width: int
    height: int
    label_width: int


ROW, GAP, LABEL, WIDTH = 22, 8, 120, 460


def bar_chart(
    title: str, items: list[tuple[str, int, str, str]], label_width: int = LABEL
) -> Chart:
    """Bars for ``(label, value, href, css class)`` rows, scaled to the largest value;
    long labels (people's names) take a wider ``label_width``."""
    top = max((v for _l, v, _h, _c in items), default=0) or 1
    room = WIDTH - label_width - 60
    bars = tuple(
        Bar(label, value, href, css, label_width, i * (ROW + GAP), room * value / top, ROW)
        for i, (label, value, href, css) in enumerate(items)
    )
    return Chart(title, bars, WIDTH, max(1, len(items)) * (ROW + GAP), label_width)


def stacked_bar(title: str, items: list[tuple[str, int, str, str]]) -> Chart:
    """One bar split into parts (e.g. blocked / review / cleared) of a whole."""
    total = sum(v for _l, v, _h, _c in items) or 1
    x, bars = 0.0, []
    for label, value, href, css in items:
        width = WIDTH * value / total
        bars.append(Bar(label, value, href, css, x, 0, width, 28))
        x += width
    return Chart(title, tuple(bars), WIDTH, 28, 0)
