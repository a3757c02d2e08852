"""How long a SQLite writer waits for another one to finish before giving up.

Apart from db.py so that the settings can name the default without importing
SQLAlchemy (about 0.3 s of every command's start-up).
"""

BUSY_TIMEOUT_SECONDS = 30.0
"""Seconds a SQLite writer waits for the lock."""
