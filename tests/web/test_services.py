"""Accounts, sessions, tokens and the job queue on every backend (SQLite, PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine

from corridor.exc import Conflict, InvalidInput
from corridor.services import jobs, users
from corridor.services.users import LoginThrottled, NotAuthenticated, Role
from corridor.store.db import session_factory, transaction
from corridor.store.jobs import JobStore

NOW = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)
PASSWORD = "a long enough password"


def test_accounts_sessions_and_sign_out(engine: Engine) -> None:
    user = users.add_user(engine, "A@Example.org", PASSWORD, ["viewer", "compliance"])
    assert user.name == "a@example.org" and user.roles == {Role.VIEWER, Role.COMPLIANCE}
    with pytest.raises(Conflict):
        users.add_user(engine, "a@example.org", PASSWORD, ["viewer"])
    with pytest.raises(InvalidInput, match="role"):
        users.add_user(engine, "b@example.org", PASSWORD, [])
    signed = users.sign_in(engine, "a@example.org", PASSWORD, "10.0.0.1", now=NOW)
    found = users.session_principal(engine, signed.session_id, now=NOW)
    assert found is not None and found[0].name == "a@example.org" and found[1] == signed.csrf
    later = NOW + timedelta(hours=users.SESSION_HOURS, minutes=1)
    assert users.session_principal(engine, signed.session_id, now=later) is None
    users.sign_out(engine, signed.session_id)
    assert users.session_principal(engine, signed.session_id, now=NOW) is None


def test_throttling_counts_per_account_and_per_address(engine: Engine) -> None:
    users.add_user(engine, "c@example.org", PASSWORD, ["viewer"])
    for i in range(users.THROTTLE_FAILURES):
        with pytest.raises(NotAuthenticated):
            users.sign_in(engine, "c@example.org", "wrong", f"10.0.1.{i}", now=NOW)
    with pytest.raises(LoginThrottled):  # per account, whatever the address
        users.sign_in(engine, "c@example.org", PASSWORD, "10.0.9.9", now=NOW)
    later = NOW + users.THROTTLE_WINDOW + timedelta(seconds=1)
    assert users.sign_in(engine, "c@example.org", PASSWORD, "10.0.9.9", now=later)
    for i in range(users.THROTTLE_FAILURES):  # per address, whatever the account
        with pytest.raises(NotAuthenticated):
            users.sign_in(engine, f"nobody{i}@example.org", "x", "10.0.2.2", now=later)
    with pytest.raises(LoginThrottled):
        users.sign_in(engine, "c@example.org", PASSWORD, "10.0.2.2", now=later)


def test_tokens_are_stored_hashed(engine: Engine) -> None:
    token_id, token = users.create_token(engine, ["organiser"], "ci")
    principal = users.token_principal(engine, token)
    assert principal is not None and principal.roles == {Role.ORGANISER}
    assert all(token not in repr(t) for t in users.tokens(engine))
    users.revoke_token(engine, token_id)
    assert users.token_principal(engine, token) is None


def test_a_job_is_claimed_once(engine: Engine) -> None:
    with transaction(session_factory(engine)) as session:
        store = JobStore(session)
        first = store.add("screen_mission", "t", {"mission": "m"}, NOW)
        second = store.add("screen_mission", "t", {"mission": "m"}, NOW)
    with transaction(session_factory(engine)) as session:
        claimed = JobStore(session).claim(NOW)
    with transaction(session_factory(engine)) as session:
        other = JobStore(session).claim(NOW)
    assert claimed is not None and other is not None
    assert (claimed.id, other.id) == (first.id, second.id)
    assert claimed.state == other.state == "running"
    with transaction(session_factory(engine)) as session:
        assert JobStore(session).claim(NOW) is None
    assert jobs.recover(engine) == 2
    assert {j.error for j in jobs.jobs(engine)} == {jobs.INTERRUPTED}
