"""Getting a badge without being sent one: claim links for events, and badge requests."""
