"""The web console and REST API (FastAPI): ``create_app`` in ``corridor.web.app``."""
