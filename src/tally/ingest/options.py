"""One options object for ingest (after trafilatura), instead of many keyword arguments."""

from __future__ import annotations

from dataclasses import dataclass

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")


@dataclass(frozen=True)
class IngestOptions:
    """Limits and switches for reading inputs."""

    max_bytes: int = 20_000_000
    """Files (and fetched pages) larger than this are refused; `--max-bytes` raises it."""
    allow_private: bool = False
    """Let URL fetching reach loopback and private addresses (tests, intranets)."""
    timeout: float = 20.0
    """Seconds a URL fetch may take."""
