"""Across documents: cluster local incidents into the ledger's incidents."""

from __future__ import annotations

from tally.models import Incident, LocalIncident


def link_across(
    local: list[LocalIncident],
) -> tuple[list[Incident], dict[tuple[str, str], str]]:
    """Cluster local incidents; return the incidents and (doc_id, local key) → incident id."""
    incidents, mapping = [], {}
    for li in sorted(local, key=lambda x: (x.doc_id, x.key)):
        iid = f"{li.doc_id[:12]}-{li.key}"
        incidents.append(Incident(id=iid, name=li.name, date=li.date, background=li.background))
        mapping[(li.doc_id, li.key)] = iid
    return incidents, mapping
