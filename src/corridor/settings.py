"""Settings from ``CORRIDOR_*`` environment variables or a ``.env`` file.

Read only by the CLI, the web app and batch jobs; everything below them takes
explicit arguments, so tests never touch settings globals.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from corridor.core.limits import DEFAULT_LIMITS, Limits


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

    max_file_bytes: int = DEFAULT_LIMITS.file_bytes
    """Largest input file accepted (import, upload, list file), in bytes."""

    max_unpacked_bytes: int = DEFAULT_LIMITS.unpacked_bytes
    """Largest size a gzip stream or an XLSX's parts may unpack to, in bytes."""

    max_download_bytes: int = DEFAULT_LIMITS.download_bytes
    """Largest file ``lists update`` downloads, in bytes."""

    max_field_chars: int = DEFAULT_LIMITS.field_chars
    """Longest field of an imported row, in characters."""

    max_rows: int = DEFAULT_LIMITS.rows
    """Most rows in one imported file."""

    max_json_depth: int = DEFAULT_LIMITS.json_depth
    """Deepest nesting of a JSON or JSONL input."""

    def limits(self) -> Limits:
        """The input limits these settings name, for the layers below."""
        return Limits(
            file_bytes=self.max_file_bytes,
            unpacked_bytes=self.max_unpacked_bytes,
            download_bytes=self.max_download_bytes,
            field_chars=self.max_field_chars,
            rows=self.max_rows,
            json_depth=self.max_json_depth,
        )

    @model_validator(mode="after")
    def _refuse_insecure_server(self) -> Settings:
        if self.mode == "server" and (self.secret_key is None or len(self.secret_key) < 32):
            raise ValueError("server mode needs CORRIDOR_SECRET_KEY of at least 32 characters")
        return self
