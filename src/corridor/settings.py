"""Settings from ``CORRIDOR_*`` environment variables or a ``.env`` file.

Read only by the CLI, the web app and batch jobs; everything below them takes
explicit arguments, so tests never touch settings globals.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Validated settings; server mode refuses the insecure local defaults."""

    model_config = SettingsConfigDict(env_prefix="CORRIDOR_", env_file=".env", extra="ignore")

    db: str = "corridor.db"
    """Database: a SQLite file path or a URL (postgresql://user:pass@host/db)."""

    out: Path = Path("out")
    """Where the demo and reports write their files."""

    search_index: Path = Path("search-index")
    """Where ``corridor search index`` keeps the legal search index."""

    mode: Literal["local", "server"] = "local"
    """``server`` when serving other people: requires a real secret key."""

    secret_key: str | None = None
    """Signs invite links and sessions in server mode (at least 32 characters)."""

    @model_validator(mode="after")
    def _refuse_insecure_server(self) -> Settings:
        if self.mode == "server" and (self.secret_key is None or len(self.secret_key) < 32):
            raise ValueError("server mode needs CORRIDOR_SECRET_KEY of at least 32 characters")
        return self
