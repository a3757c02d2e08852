"""Parsers of the official list file formats, one module per publisher."""
