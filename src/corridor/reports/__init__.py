"""Rendering for people: HTML through Jinja2 (PDF and ICS join as later stages land)."""
