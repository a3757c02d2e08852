"""Settings from ``CORRIDOR_*`` environment variables or a ``.env`` file.

Read only by the CLI, the web app and batch jobs; everything below them takes
explicit arguments, so tests never touch settings globals.

Settings hold secrets (the secret key, a database password), so nothing here prints
them: the key is a ``SecretStr``, ``repr`` shows the database URL masked, and a value
that breaks a rule is reported by its variable's name and the rule only — never the
value, which pydantic's own ``ValidationError`` would echo.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import Field, SecretStr, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from corridor.core.limits import DEFAULT_LIMITS, Limits
from corridor.exc import InvalidSetting
from corridor.services.mailer import Smtp
from corridor.store.timeouts import BUSY_TIMEOUT_SECONDS
from corridor.store.urls import mask_url

PREFIX = "CORRIDOR_"
SECRET_KEY_CHARS = 32


class Settings(BaseSettings):
    """Validated settings; server mode refuses the insecure local defaults."""

    model_config = SettingsConfigDict(env_prefix=PREFIX, env_file=".env", extra="ignore")

    db: str = "corridor.db"
    """Database: a SQLite file path or a URL (postgresql://user:pass@host/db)."""

    db_busy_timeout: float = Field(default=BUSY_TIMEOUT_SECONDS, gt=0)
    """Seconds a SQLite writer waits for another command's write to finish."""

    out: Path = Path("out")
    """Where the demo and reports write their files."""

    search_index: Path = Path("search-index")
    """Where ``corridor search index`` keeps the legal search index."""

    mode: Literal["local", "server"] = "local"
    """``server`` when serving other people: requires a real secret key."""

    secret_key: SecretStr | None = None
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

    smtp_host: str | None = None
    """SMTP relay for invitation e-mails; unset: invitations go by printed sheet only."""

    smtp_port: int = Field(default=25, gt=0, lt=65536)
    """Port of the SMTP relay."""

    smtp_user: str | None = None
    """Login at the relay, if it needs one."""

    smtp_password: SecretStr | None = None
    """Password of ``smtp_user``."""

    smtp_from: str = "corridor@localhost"
    """Sender address of invitation e-mails."""

    smtp_starttls: bool = False
    """Upgrade the relay connection with STARTTLS before logging in."""

    invitation_days: int = Field(default=14, ge=1, le=365)
    """Days an invitation link stays valid."""

    public_url: str | None = None
    """The site's address as delegates reach it (links in e-mails and on sheets);
    unset: the address the organiser's request came in on."""

    safety_poll_minutes: int = Field(default=0, ge=0, le=1440)
    """Minutes between polls of the safety feeds while ``corridor serve`` runs (each
    poll then tells the delegates concerned); 0: feeds are polled only on demand."""

    def smtp(self) -> Smtp | None:
        """The relay these settings name, or None when e-mail is not configured."""
        if self.smtp_host is None or self.smtp_host == "":
            return None
        password = None if self.smtp_password is None else self.smtp_password.get_secret_value()
        return Smtp(
            self.smtp_host,
            self.smtp_port,
            self.smtp_user,
            password,
            self.smtp_from,
            self.smtp_starttls,
        )

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

    def __init__(self, **values: Any) -> None:
        """Read and validate; a broken rule is an ``InvalidSetting`` without the value."""
        try:
            super().__init__(**values)
        except ValidationError as err:
            raise _invalid(err) from None  # the original carries input values

    @property
    def db_display(self) -> str:
        """The database as it may be shown: a URL's password masked."""
        return mask_url(self.db)

    def __repr_args__(self) -> Any:
        """``repr``/``str`` without the database password (the key is a SecretStr)."""
        for name, value in super().__repr_args__():
            yield name, (self.db_display if name == "db" else value)

    @model_validator(mode="after")
    def _refuse_insecure_server(self) -> Settings:
        key = None if self.secret_key is None else self.secret_key.get_secret_value()
        if self.mode == "server" and (key is None or len(key) < SECRET_KEY_CHARS):
            # Not a ValueError: pydantic would wrap it with every input value, key included.
            raise InvalidSetting(
                f"{PREFIX}SECRET_KEY",
                f"server mode needs a secret key of at least {SECRET_KEY_CHARS} characters",
            )
        return self


def _invalid(err: ValidationError) -> InvalidSetting:
    """The first broken rule of ``err``, by variable name and rule, without the value."""
    first = err.errors(include_input=False, include_url=False)[0]
    field = str(first["loc"][0]) if first["loc"] else "settings"
    more = err.error_count() - 1
    rule = first["msg"] + ("" if more == 0 else f" (and {more} more)")
    return InvalidSetting(f"{PREFIX}{field.upper()}", rule)
