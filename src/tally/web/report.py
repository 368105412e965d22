"""`tally report`: one self-contained HTML file (styles, chart library and data inline).

The file can be mailed or attached to an article: it loads nothing, and a
Content-Security-Policy in the page allows only its own inline scripts (by
hash), so article text in it stays inert even when opened from disk.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from markupsafe import Markup

from tally.errors import NotFound
from tally.export import open_output
from tally.models import CATEGORIES, GROUPS, QUALIFIERS
from tally.store import Ledger
from tally.web.app import STATIC, environment
from tally.web.views import incident_context

SCRIPTS = ("vendor/chartjs/chart.umd.min.js", "incident.js")


def _hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode() + "'"


def write_report(ledger: Ledger, path: str | Path, incident_id: str | None = None) -> int:
    """Write the report to `path`: one incident, or every main incident of the ledger,
    rendered and written one at a time (a whole ledger never sits in memory).
    Returns how many incidents it holds."""
    env = environment()
    if incident_id:
        ids = [ledger.incident(incident_id).id]
    else:
        ids = [inc.id for inc in ledger.incidents() if not inc.background]
    if not ids:
        raise NotFound("the ledger holds no incident to report on", source=ledger.target)
    part = env.get_template("report_incident.html")

    def bodies() -> Iterator[Markup]:
        for iid in ids:
            context = incident_context(ledger, iid, per_row=None)  # a report holds every statement
            yield Markup(
                part.render(
                    reviewer=None,
                    csrf="",
                    path="",
                    categories=CATEGORIES,
                    groups=GROUPS,
                    qualifiers=QUALIFIERS,
                    **context,
                )
            )

    # Vendored code and our stylesheet, never document text, are inlined as they are.
    scripts = [(STATIC / name).read_text(encoding="utf-8") for name in SCRIPTS]
    css = (STATIC / "app.css").read_text(encoding="utf-8")
    csp = (
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
        f"script-src {' '.join(_hash(s) for s in scripts)}; base-uri 'none'; form-action 'none'"
    )
    title = (
        f"tally report: {ledger.incident(ids[0]).name or ids[0]}"
        if len(ids) == 1
        else "tally report"
    )
    page = env.get_template("report.html").generate(
        title=title,
        csp=csp,
        css=Markup(css),
        scripts=[Markup(s) for s in scripts],
        bodies=bodies(),
        count=len(ids),
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )
    with open_output(path) as fh:
        for chunk in page:
            fh.write(chunk)
    return len(ids)
