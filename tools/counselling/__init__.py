"""Counsellor accounts, login sessions and the notes a counsellor keeps about a person they guide."""
