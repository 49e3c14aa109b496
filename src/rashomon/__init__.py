"""Rashomon: a source-attributed incident database built from conflict reporting."""

__version__ = "0.1.0"
