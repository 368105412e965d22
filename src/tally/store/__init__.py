"""The ledger: the only package that talks to a database (SQLite by default, PostgreSQL for teams)."""

from tally.store.db import is_postgres
from tally.store.ledger import DEFAULT_DB, Ledger, default_target

__all__ = ["DEFAULT_DB", "Ledger", "default_target", "is_postgres"]
