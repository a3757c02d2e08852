"""Use cases: the only place that joins engines, storage, registry and reports.

Each service takes an engine (or a session factory) and explicit arguments; none
reads settings, so the CLI, the web app and batch jobs call them the same way.
"""
