"""Controlled vocabularies: organisation kinds, sectors, stages, languages of work.

Sectors are the coarse shared language of registry, matching and screening rules; a
code is stable, its labels are for readers in Korean, Chinese and English.
"""

from __future__ import annotations

from typing import Final


def N_(context: str, message: str) -> str:  # noqa: N802 (the gettext marker's name)
    """Mark ``message`` (in vocabulary ``context``) for extraction; returns it as is."""
    del context
    return message


# code: English label (the msgid: Korean and Chinese come from the catalogs; see
# corridor.locale.labels). N_ only marks a label for extraction (`make messages`).
SECTORS: Final[dict[str, str]] = {
    "artificial_intelligence": N_("sector", "Artificial intelligence"),
    "llm": N_("sector", "Large language models"),
    "computer_vision": N_("sector", "Computer vision"),
    "robotics": N_("sector", "Robotics"),
    "humanoid_robots": N_("sector", "Humanoid robots"),
    "industrial_robots": N_("sector", "Industrial and collaborative robots"),
    "smart_manufacturing": N_("sector", "Smart manufacturing"),
    "industrial_software": N_("sector", "Industrial software"),
    "semiconductors": N_("sector", "Semiconductors"),
    "ai_chips": N_("sector", "AI chips"),
    "sensors": N_("sector", "Sensors"),
    "lidar": N_("sector", "LiDAR"),
    "autonomous_driving": N_("sector", "Autonomous driving"),
    "drones": N_("sector", "Drones"),
    "medical_imaging": N_("sector", "Medical imaging"),
    "medical_devices": N_("sector", "Medical devices"),
    "biotech": N_("sector", "Biotechnology"),
    "digital_health": N_("sector", "Digital health"),
    "batteries": N_("sector", "Batteries"),
    "electric_vehicles": N_("sector", "Electric vehicles"),
    "mobility": N_("sector", "Mobility"),
    "displays": N_("sector", "Displays"),
    "consumer_electronics": N_("sector", "Consumer electronics"),
    "telecom": N_("sector", "Telecommunications"),
    "cloud": N_("sector", "Cloud computing"),
    "cybersecurity": N_("sector", "Cybersecurity"),
    "fintech": N_("sector", "Fintech"),
    "ecommerce": N_("sector", "E-commerce"),
    "logistics": N_("sector", "Logistics"),
    "energy": N_("sector", "Energy"),
    "materials": N_("sector", "Advanced materials"),
    "aerospace": N_("sector", "Aerospace"),
    "gaming": N_("sector", "Games"),
    "edtech": N_("sector", "Education technology"),
    "venture_capital": N_("sector", "Venture capital"),
    "trade_promotion": N_("sector", "Trade and investment promotion"),
    "startup_support": N_("sector", "Startup support"),
    "surveillance": N_("sector", "Surveillance technology"),
    "defense": N_("sector", "Defence"),
}

ORG_KINDS: Final[dict[str, str]] = {
    "startup": "A young company building a product, usually venture-backed",
    "corporate": "An established company, listed or not",
    "investor": "A venture capital firm, corporate VC or other investor",
    "agency": "A government body or public agency",
    "association": "An industry association or chamber",
    "university": "A university",
    "research_institute": "A public or private research institute",
}

STAGES: Final[tuple[str, ...]] = (
    "pre_seed",
    "seed",
    "series_a",
    "series_b",
    "series_c",
    "growth",
    "pre_ipo",
    "public",
)

# The languages a delegation from a country speaks when nothing else is known,
# its first the one it reads; every other country works in English.
COUNTRY_LANGUAGES: Final[dict[str, tuple[str, ...]]] = {
    "KR": ("ko",),
    "KP": ("ko",),
    "CN": ("zh",),
    "HK": ("zh", "en"),
}


def country_languages(country: str) -> frozenset[str]:
    """The languages a delegation from ``country`` speaks by default."""
    return frozenset(COUNTRY_LANGUAGES.get(country, ("en",)))


def country_language(country: str) -> str:
    """The language a delegation from ``country`` reads (and is interpreted from)."""
    return COUNTRY_LANGUAGES.get(country, ("en",))[0]


def sector_label(code: str) -> str:
    """The English label of a sector code (the code itself when unknown); readers of
    other languages get theirs through ``corridor.locale.labels.label``."""
    return SECTORS.get(code, code)
