"""The backpack's views, one module per concept: the list, one award, evidence, collections,
and the public pages (a collection, an imported badge's image)."""
