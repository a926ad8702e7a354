"""The team backend: relprep's records in PostgreSQL, shared by a sales team.

Needs the `team` extra (psycopg 3 and psycopg-pool). The schema is created and upgraded by
versioned SQL files in `migrations/` (see schema.py); who may change what is enforced by
row-level security in the database itself, so a rep using psql gets the same limits.
"""
