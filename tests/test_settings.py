"""Settings never show a secret: not in repr, not in str, not in a validation error."""

from __future__ import annotations

import pytest

from corridor.exc import CorridorError, InvalidSetting
from corridor.settings import Settings

KEY = "k3y-" + "x" * 40
PASSWORD = "hunter2-pw"
URL = f"postgresql://corridor:{PASSWORD}@db.example:5432/corridor"


def test_repr_and_str_hide_the_key_and_the_database_password() -> None:
    settings = Settings(_env_file=None, db=URL, secret_key=KEY, mode="server")
    for shown in (repr(settings), str(settings)):
        assert KEY not in shown and PASSWORD not in shown
        assert "corridor:***@db.example:5432/corridor" in shown
    assert settings.secret_key is not None and settings.secret_key.get_secret_value() == KEY
    assert settings.db == URL  # the real value stays usable
    assert settings.db_display == "postgresql://corridor:***@db.example:5432/corridor"


def test_a_plain_sqlite_path_is_shown_as_it_is() -> None:
    assert Settings(_env_file=None, db="data/corridor.db").db_display == "data/corridor.db"


@pytest.mark.parametrize("key", [None, "short-but-secret-Zq9"])
def test_server_mode_refuses_a_short_key_without_echoing_it(key: str | None) -> None:
    with pytest.raises(InvalidSetting) as caught:
        Settings(_env_file=None, mode="server", secret_key=key)
    assert caught.value.variable == "CORRIDOR_SECRET_KEY"
    assert "32 characters" in str(caught.value)
    if key is not None:
        assert key not in str(caught.value) and key not in repr(caught.value)
        assert caught.value.__suppress_context__ or caught.value.__context__ is None


def test_environment_key_too_short_is_not_echoed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORRIDOR_MODE", "server")
    monkeypatch.setenv("CORRIDOR_SECRET_KEY", "env-secret-Qw7")
    with pytest.raises(CorridorError) as caught:
        Settings(_env_file=None)
    assert "env-secret-Qw7" not in str(caught.value)


def test_a_broken_value_names_the_variable_and_rule_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORRIDOR_DB_BUSY_TIMEOUT", "-3.25")
    with pytest.raises(InvalidSetting) as caught:
        Settings(_env_file=None)
    assert caught.value.variable == "CORRIDOR_DB_BUSY_TIMEOUT"
    assert "greater than 0" in caught.value.rule and "-3.25" not in str(caught.value)
    assert caught.value.__cause__ is None  # pydantic's error (with the input) not chained


def test_busy_timeout_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORRIDOR_DB_BUSY_TIMEOUT", "2.5")
    assert Settings(_env_file=None).db_busy_timeout == 2.5
