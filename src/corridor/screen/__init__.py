"""Screening: sanctions and export-control lists, cross-script name matching, end-use rules.

Pure: list files in, ``ListEntry`` out; names in, ``Hit`` out. No database, no
settings, no network (downloads live in services).
"""
