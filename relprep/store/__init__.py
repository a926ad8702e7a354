"""Persistence: TinyDB files behind a Repository, written so that nothing is ever half-saved."""
