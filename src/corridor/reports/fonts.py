"""Whether this machine can print Korean and Chinese: fonts covering Hangul and Han, as
fontconfig (which WeasyPrint's Pango asks) sees them.

Without such fonts Pango draws every Korean and Chinese character as an empty box
("tofu") and WeasyPrint says nothing: a demo once wrote 249 PDFs whose names were all
boxes. Corridor's documents are full of Korean and Chinese names, so a PDF is refused
rather than rendered unreadable; callers that write many files write HTML and ICS only
and say why, once.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import cache

from corridor.exc import CorridorError

# fontconfig language tags: Korean needs Hangul; zh-cn the Han characters of GB 2312.
SCRIPTS = {"ko": "Korean (Hangul)", "zh-cn": "Chinese (Han)"}
INSTALL = "apt-get install fontconfig fonts-noto-cjk"


class MissingFonts(CorridorError):
    """No font for Hangul or Han here: a PDF would show boxes instead of names."""


def _families(fc_list: str, lang: str) -> list[str]:
    """The font families fontconfig says cover ``lang``."""
    listed = subprocess.run(
        [fc_list, f":lang={lang}", "family"], capture_output=True, text=True, check=False
    )
    return [line for line in listed.stdout.splitlines() if line.strip() != ""]


@cache
def missing_cjk_fonts() -> str | None:
    """Why PDFs here would show Korean or Chinese as empty boxes, or None when fonts
    for both are installed. Asked once per process (fontconfig's answer is stable)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return f"fontconfig's fc-list is missing, so no Korean or Chinese font is known ({INSTALL})"
    lacking = [label for lang, label in SCRIPTS.items() if len(_families(fc_list, lang)) == 0]
    if len(lacking) == 0:
        return None
    return (
        f"no font covering {' or '.join(lacking)} is installed "
        f"(fontconfig: `fc-list :lang=ko` / `:lang=zh-cn` list none), so names would print "
        f"as empty boxes; install one ({INSTALL})"
    )


def require_cjk_fonts() -> None:
    """Raise MissingFonts unless Korean and Chinese text can be printed."""
    reason = missing_cjk_fonts()
    if reason is not None:
        raise MissingFonts(f"PDF refused: {reason}")
