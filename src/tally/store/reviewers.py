"""Reviewers, their tokens and their browsers' sessions.

A reviewer's token (printed once by `tally reviewer add`, stored hashed) signs
a browser in; the browser then holds a session token of its own, so signing
out ends that session on the server, and revoking a reviewer ends their token
and every session at once.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime

from tally.errors import TallyError
from tally.store.db import Connection


class ReviewError(TallyError):
    """A correction that cannot be applied (bad value, unknown incident, no such reviewer)."""

    code = "T500"


def hash_token(token: str) -> str:
    """Tokens are random, so one SHA-256 is enough to store them safely."""
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


class Reviewers:
    """The reviewers of one ledger."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add_reviewer(self, name: str) -> str:
        """Create a reviewer (or give a revoked one a new token); return the token (shown once,
        stored hashed)."""
        name = name.strip()
        if not name or len(name) > 80 or not name.isprintable():
            raise ReviewError("a reviewer needs a name of 1 to 80 printable characters")
        token = secrets.token_urlsafe(24)
        with self.conn.transaction() as c:
            rows = c.query("SELECT revoked_at FROM reviewers WHERE name = ?", (name,))
            if rows and rows[0][0] is None:
                raise ReviewError(f"reviewer {name!r} exists already")
            if rows:
                c.execute(
                    "UPDATE reviewers SET token_hash = ?, created_at = ?, revoked_at = NULL "
                    "WHERE name = ?",
                    (hash_token(token), _now(), name),
                )
            else:
                c.execute(
                    "INSERT INTO reviewers (name, token_hash, created_at) VALUES (?, ?, ?)",
                    (name, hash_token(token), _now()),
                )
        return token

    def reviewer(self, token: str | None) -> str | None:
        """The name of the (not revoked) reviewer holding `token`, or None."""
        if not token:
            return None
        rows = self.conn.query(
            "SELECT name FROM reviewers WHERE token_hash = ? AND revoked_at IS NULL",
            (hash_token(token),),
        )
        return rows[0][0] if rows else None

    def revoke(self, name: str) -> None:
        """Take a reviewer's right to change the ledger: their token and every session end."""
        with self.conn.transaction() as c:
            rows = c.query("SELECT revoked_at FROM reviewers WHERE name = ?", (name,))
            if not rows:
                raise ReviewError(f"no reviewer {name!r} (tally reviewer list)")
            c.execute(
                "UPDATE reviewers SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL",
                (_now(), name),
            )
            c.execute("DELETE FROM reviewer_sessions WHERE reviewer = ?", (name,))

    def sign_in(self, token: str | None) -> tuple[str, str] | None:
        """A new session for the reviewer holding `token`: (name, session token), or None."""
        name = self.reviewer(token)
        if name is None:
            return None
        session = secrets.token_urlsafe(32)
        with self.conn.transaction() as c:
            c.execute(
                "INSERT INTO reviewer_sessions (token_hash, reviewer, created_at) VALUES (?, ?, ?)",
                (hash_token(session), name, _now()),
            )
        return name, session

    def session(self, session: str | None) -> str | None:
        """The reviewer a browser's session token signs in, or None (signed out, revoked)."""
        if not session:
            return None
        rows = self.conn.query(
            "SELECT r.name FROM reviewer_sessions s JOIN reviewers r ON r.name = s.reviewer "
            "WHERE s.token_hash = ? AND r.revoked_at IS NULL",
            (hash_token(session),),
        )
        return rows[0][0] if rows else None

    def sign_out(self, session: str | None) -> None:
        """End a session: its token signs nobody in from now on."""
        if session:
            with self.conn.transaction() as c:
                c.execute(
                    "DELETE FROM reviewer_sessions WHERE token_hash = ?", (hash_token(session),)
                )

    def reviewers(self) -> list[str]:
        """Every reviewer's name."""
        return [
            r[0]
            for r in self.conn.query(
                "SELECT name FROM reviewers WHERE revoked_at IS NULL ORDER BY name"
            )
        ]
