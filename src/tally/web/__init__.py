"""The web UI: incident pages with evidence, corrections with an audit log, a report.

`create_app(db_target)` builds the FastAPI app over one ledger; `tally serve`
runs it and `tally report` writes a self-contained HTML file.
"""

from tally.web.app import create_app, request_once

__all__ = ["create_app", "request_once"]
