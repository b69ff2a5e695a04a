"""Pages of the issuers context, one module per concept."""
