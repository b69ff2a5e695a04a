"""The learner's backpack: badges held, collections, the holder's own evidence and reflection,
publishing, sharing and taking everything away."""
