"""Pages and the CASE service of the frameworks context."""
