"""One options object for ingest (after trafilatura), instead of many keyword arguments."""

from __future__ import annotations

from dataclasses import dataclass

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")


@dataclass(frozen=True)
class IngestOptions:
    """Limits and switches for reading inputs; every limit has a CLI option that raises it."""

    max_bytes: int = 20_000_000
    """Files (and fetched pages) larger than this are refused; `--max-bytes` raises it."""
    max_line: int = 1_000_000
    """Stored text with a line longer than this many characters is refused; `--max-line`."""
    encoding: str | None = None
    """The code page of inputs that are not valid UTF-8 and declare none (`--encoding`)."""
    allow_private: bool = False
    """Let URL fetching reach loopback and private addresses (tests, intranets)."""
    timeout: float = 20.0
    """Seconds a URL fetch may wait for a connection or between reads."""
    max_redirects: int = 5
    """Redirects a URL fetch follows before giving up."""
    language: str | None = None
    """The language of every input (`--lang`); None: each document's is detected."""
    budget: float = 60.0
    """Seconds one document may take to read, extract and link (0: no limit; `--budget`)."""
