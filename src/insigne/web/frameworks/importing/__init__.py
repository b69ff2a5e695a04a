"""Reading framework files: CASE packages (JSON), ESCO CSV downloads and ROME 4.0's
competence tree (CSV). Each reader checks every row and writes through ``writing.py``; the
caller holds one transaction, so a refused file leaves nothing behind."""
