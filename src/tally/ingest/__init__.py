"""Ingest: turn files, folders, manifests and URLs into `Document`s.

`discover` walks what the user named and yields `Source`s (or the `InputError`
of an input it cannot use, or the path of a file it skips); `read` turns one
`Source` into a `Document`: bytes from a file or from `fetch` (the one network
seam, with its address guard), text by the rules of `encoding`, then main text
and metadata. Every failure is an `InputError` naming the input and the reason.
"""

from tally.ingest.options import IngestOptions
from tally.ingest.read import read
from tally.ingest.sources import discover

__all__ = ["IngestOptions", "discover", "read"]
