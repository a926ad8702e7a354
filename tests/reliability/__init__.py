"""Proof that relprep keeps its data: crash, fault, concurrency, corruption and fuzz tests."""
