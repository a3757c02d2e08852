"""Controlled vocabularies: organisation kinds, sectors, stages, languages of work.

Sectors are the coarse shared language of registry, matching and screening rules; a
code is stable, its labels are for readers in Korean, Chinese and English.
"""

from __future__ import annotations

from typing import Final

# code: (English, Korean, Chinese)
SECTORS: Final[dict[str, tuple[str, str, str]]] = {
    "artificial_intelligence": ("Artificial intelligence", "인공지능", "人工智能"),
    "llm": ("Large language models", "대규모 언어모델", "大语言模型"),
    "computer_vision": ("Computer vision", "컴퓨터 비전", "计算机视觉"),
    "robotics": ("Robotics", "로봇", "机器人"),
    "humanoid_robots": ("Humanoid robots", "휴머노이드 로봇", "人形机器人"),
    "industrial_robots": (
        "Industrial and collaborative robots",
        "산업용·협동 로봇",
        "工业及协作机器人",
    ),
    "smart_manufacturing": ("Smart manufacturing", "스마트 제조", "智能制造"),
    "industrial_software": ("Industrial software", "산업용 소프트웨어", "工业软件"),
    "semiconductors": ("Semiconductors", "반도체", "半导体"),
    "ai_chips": ("AI chips", "AI 반도체", "AI芯片"),
    "sensors": ("Sensors", "센서", "传感器"),
    "lidar": ("LiDAR", "라이다", "激光雷达"),
    "autonomous_driving": ("Autonomous driving", "자율주행", "自动驾驶"),
    "drones": ("Drones", "드론", "无人机"),
    "medical_imaging": ("Medical imaging", "의료영상", "医学影像"),
    "medical_devices": ("Medical devices", "의료기기", "医疗器械"),
    "biotech": ("Biotechnology", "바이오", "生物技术"),
    "digital_health": ("Digital health", "디지털 헬스케어", "数字医疗"),
    "batteries": ("Batteries", "이차전지", "电池"),
    "electric_vehicles": ("Electric vehicles", "전기차", "电动汽车"),
    "mobility": ("Mobility", "모빌리티", "出行"),
    "displays": ("Displays", "디스플레이", "显示"),
    "consumer_electronics": ("Consumer electronics", "가전", "消费电子"),
    "telecom": ("Telecommunications", "통신", "通信"),
    "cloud": ("Cloud computing", "클라우드", "云计算"),
    "cybersecurity": ("Cybersecurity", "사이버보안", "网络安全"),
    "fintech": ("Fintech", "핀테크", "金融科技"),
    "ecommerce": ("E-commerce", "전자상거래", "电子商务"),
    "logistics": ("Logistics", "물류", "物流"),
    "energy": ("Energy", "에너지", "能源"),
    "materials": ("Advanced materials", "첨단소재", "新材料"),
    "aerospace": ("Aerospace", "항공우주", "航空航天"),
    "gaming": ("Games", "게임", "游戏"),
    "edtech": ("Education technology", "에듀테크", "教育科技"),
    "venture_capital": ("Venture capital", "벤처캐피털", "风险投资"),
    "trade_promotion": ("Trade and investment promotion", "무역·투자 진흥", "贸易投资促进"),
    "startup_support": ("Startup support", "창업 지원", "创业支持"),
    "surveillance": ("Surveillance technology", "감시 기술", "监控技术"),
    "defense": ("Defence", "방위산업", "国防"),
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


def sector_label(code: str, lang: str = "en") -> str:
    """The reader's label for a sector code (the code itself when unknown)."""
    labels = SECTORS.get(code)
    if labels is None:
        return code
    return {"en": labels[0], "ko": labels[1], "zh": labels[2]}.get(lang, labels[0])
