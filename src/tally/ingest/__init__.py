"""Ingest: turn files, folders, manifests and URLs into `Document`s.

`discover` walks what the user named and yields `Source`s (or the `InputError`
of an input it cannot use); `read` turns one `Source` into a `Document`.
"""

from tally.ingest.options import IngestOptions
from tally.ingest.read import read
from tally.ingest.sources import discover

__all__ = ["IngestOptions", "discover", "read"]
