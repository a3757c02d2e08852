"""A Dask client: a LocalCluster of worker processes, or an existing cluster's scheduler.

Workers are processes with one thread each: screening is pure Python, so threads in
one process would share one core (the GIL). A scheduler address (``tcp://host:8786``,
started with ``dask scheduler`` and ``dask worker``) uses that cluster as it is; its
workers need Corridor installed at the same version.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from distributed import Client


@contextmanager
def connect(workers: int = 2, scheduler: str | None = None) -> Iterator[Client]:
    """A client for ``scheduler``, or for a LocalCluster of ``workers`` processes."""
    from distributed import Client, LocalCluster  # only a batch needs Dask

    if scheduler is not None:
        with Client(scheduler) as client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=max(1, workers),
            threads_per_worker=1,
            processes=True,
            # Its HTTP server on a free loopback port: the default 8787 may be taken by
            # another cluster on this machine (then Dask warns and picks another).
            dashboard_address="127.0.0.1:0",
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def worker_count(client: Client) -> int:
    """How many workers the client's cluster has now."""
    return len(client.scheduler_info()["workers"])
