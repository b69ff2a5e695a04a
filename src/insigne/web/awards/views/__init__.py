"""Pages of the awards context, by concept: one award, imports, the list of awards."""
