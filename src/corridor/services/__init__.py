"""Use cases: the application's one API, and the only place that joins engines,
storage, registry and reports.

Each service takes an engine and plain arguments (and, where it acts, who acts); none
reads settings, so the CLI, the web app and batch jobs call them the same way. Input
is parsed and checked here. Storage is reached through one helper, ``uow``, whose
stores are typed as the Protocols of ``store.base``.
"""
