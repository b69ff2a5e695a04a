"""Interoperability with Digital Bazaar's JavaScript reference stack (see README.md)."""
