"""Everything an account holds, for its owner to take away (GDPR portability)."""
