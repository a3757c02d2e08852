"""Delegation safety: feeds in (CAP 1.2, RSS/Atom, travel-advisory levels), alerts out,
and which people each alert touches. Pure: no I/O, no database, no settings."""
