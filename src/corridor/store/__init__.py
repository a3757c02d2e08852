"""Storage: the only package that speaks SQL.

Repositories return ``corridor.core`` types; SQLite and PostgreSQL differences live
in ``db.py`` and nowhere else.
"""
