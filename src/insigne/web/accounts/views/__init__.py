"""Account pages of our own; sign-in, sign-up, addresses and passwords come from allauth."""
