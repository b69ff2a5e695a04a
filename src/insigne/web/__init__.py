"""Insigne's web platform (Django). It builds on ``insigne.core``, never the other way round."""
