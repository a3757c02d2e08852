"""Registry: organisations and people in and out of files, validated.

Pure with respect to storage: it turns files into domain objects (or a list of
every problem found) and domain objects into files; the services write them.
"""
