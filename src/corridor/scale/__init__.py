"""Batch jobs on Dask distributed: a LocalCluster by default, a scheduler address to
scale out. scale/ partitions the input, ships each worker what it needs once, and
streams results out; the work itself is the services' (and so the engines')."""
