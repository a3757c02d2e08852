"""Database URLs as shown to people: a password never survives masking."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corridor.exc import Unavailable
from corridor.store.db import make_engine
from corridor.store.urls import mask_url, scrub


@pytest.mark.parametrize(
    ("target", "shown"),
    [
        ("corridor.db", "corridor.db"),
        ("sqlite:////tmp/c.db", "sqlite:////tmp/c.db"),
        ("postgresql://corridor:pw@127.0.0.1:1/x", "postgresql://corridor:***@127.0.0.1:1/x"),
        ("postgresql+psycopg://u@h/x", "postgresql+psycopg://u@h/x"),
        ("postgresql://u:pw@h:notaport/x", "postgresql://u:***@h:notaport/x"),
        ("postgresql://u:p@ss/w?rd#1@h/x", "postgresql://u:***@h/x"),
        ("postgresql://u:p%40ss@h/x", "postgresql://u:***@h/x"),
    ],
)
def test_mask_url(target: str, shown: str) -> None:
    assert mask_url(target) == shown


# Passwords of at least 4 characters, so that a chance match with the host or user
# ("a" in "localhost") cannot pass for a leak.
PASSWORDS = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=4, max_size=30
).filter(lambda p: p.strip() == p and p not in "postgresql+psycopg://corridor:@db.example:5432/x")


TRICKY = st.text(alphabet="@/?#:%ab", min_size=4, max_size=12)


@settings(max_examples=300, deadline=None)
@given(password=PASSWORDS | TRICKY, quoted=st.booleans())
def test_fuzz_mask_url_never_shows_the_password(password: str, quoted: bool) -> None:
    written = quote(password, safe="") if quoted else password
    target = f"postgresql://corridor:{written}@db.example:5432/x"
    shown = mask_url(target)
    assert shown == "postgresql://corridor:***@db.example:5432/x"
    message = scrub(f"connection failed for {written} and {password}", target)
    assert password not in message and written not in message


def test_an_unencoded_at_in_the_password_is_refused_masked() -> None:
    with pytest.raises(Unavailable) as caught:
        make_engine("postgresql://corridor:p@ss/word@127.0.0.1/x")
    assert "percent-encoded" in str(caught.value) and "ss/word" not in str(caught.value)
