"""The public views, one module per concept (badge pages, verifier, documents, pages)."""
