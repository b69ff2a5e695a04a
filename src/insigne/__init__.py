"""Insigne: Open Badges credentials and platform."""

__version__ = "0.1.0"
