"""What reviewers decided, as plain values: figure fixes, incident edits, and their checks.

`CorrectionSet` is a snapshot of every correction that relinking and exports
apply to the figures stream, the incident assignments and the incidents'
own fields (name, type, date, place: a reviewer's value always wins over
linking's, so re-ingesting richer reports never overwrites it).
"""

from __future__ import annotations

import calendar
import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from tally.models import CATEGORIES, GROUPS, MAX_VALUE, QUALIFIERS, Figure, Incident
from tally.store.reviewers import ReviewError

EDITABLE = ("value", "value_high", "category", "group", "qualifier", "attribution")
"""Figure fields a reviewer may correct."""


INCIDENT_EDITABLE = ("name", "type", "date", "place", "admin1", "country")
"""Incident fields a reviewer may edit (the place's coordinates and precisions follow)."""
INCIDENT_DERIVED = ("date_prec", "lat", "lon", "where_prec")
"""Incident fields an edit sets from the edited ones."""


def now() -> str:
    """The time a correction is stored: UTC, to the microsecond (later decisions win)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class FigureFix:
    """What reviewers decided about one figure."""

    key: str
    status: str | None = None
    """`confirmed`, `rejected`, or None (only corrected or moved)."""
    fields: dict[str, Any] = field(default_factory=dict)
    incident: str | None = None
    """The incident a reviewer moved it to."""
    reviewer: str | None = None
    at: str | None = None

    def state(self, fig: Figure | None = None) -> dict[str, Any]:
        """A plain dict for the audit log: the figure's fields as corrected, status, move."""
        shown = {k: getattr(fig, k) for k in EDITABLE} if fig is not None else {}
        quote = {"quote": fig.quote} if fig is not None else {}
        return {**shown, **self.fields, "status": self.status, "moved_to": self.incident, **quote}


@dataclass
class CorrectionSet:
    """A snapshot of every correction, applied to figures and incident assignments."""

    figures: dict[str, FigureFix] = field(default_factory=dict)
    merges: dict[str, str] = field(default_factory=dict)
    splits: dict[str, str] = field(default_factory=dict)
    edits: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Incident id → the fields reviewers set (`INCIDENT_EDITABLE` and what follows them)."""

    def figure(self, fig: Figure, language: str = "en") -> Figure | None:
        """The figure as corrected, or None when a reviewer rejected it. A corrected
        attribution is the figure's source: who it is and whether it is an authority are
        decided again from it, in its document's `language`."""
        fix = self.figures.get(fig.key)
        if fix is None:
            return fig
        if fix.status == "rejected":
            return None
        if not fix.fields:
            return fig
        fixed = dataclasses.replace(fig, **fix.fields)
        if "attribution" not in fix.fields:
            return fixed
        from tally.extract.source import sourced  # the one decider of a figure's source

        return sourced(fixed, language)

    def renamed(self, renames: dict[str, str]) -> CorrectionSet:
        """These corrections with the incident ids linking renamed (`Ledger.renames`): a
        reviewer's merge, split or move follows its incident, not the old id."""
        if not renames:
            return self

        def new(iid: str) -> str:
            return renames.get(iid, iid)

        merges = {source: target for source, target in renamed_merges(self.merges.items(), renames)}
        return CorrectionSet(
            figures={
                k: fix
                if fix.incident is None
                else dataclasses.replace(fix, incident=new(fix.incident))
                for k, fix in self.figures.items()
            },
            merges=merges,
            splits={part: new(parent) for part, parent in self.splits.items()},
            edits=renamed_edits(self.edits.items(), renames),
        )

    def resolve(self, incident_id: str) -> str:
        """Follow merges to the incident that absorbed `incident_id`."""
        seen = {incident_id}
        while incident_id in self.merges:
            incident_id = self.merges[incident_id]
            if incident_id in seen:
                break
            seen.add(incident_id)
        return incident_id

    def incident_of(self, incident_id: str, known: set[str]) -> str:
        """The incident a linked incident's figures count after merges (into vanished ids: ignored)."""
        target = self.resolve(incident_id)
        return target if target in known else incident_id

    def moves(self, known: set[str]) -> dict[str, str]:
        """Figure key → the incident a reviewer moved it to, after merges (vanished ids ignored).

        A moved figure counts that incident instead of `incident_of` its linked one.
        """
        out: dict[str, str] = {}
        for key, fix in sorted(self.figures.items()):
            if fix.incident and self.resolve(fix.incident) in known:
                out[key] = self.resolve(fix.incident)
        return out

    def incidents(self, incidents: Iterable[Incident]) -> list[Incident]:
        """Linked incidents plus the parts reviewers split off, less those merged into others."""
        incidents = list(incidents)
        by_id = {i.id: i for i in incidents}
        for part, parent in sorted(self.splits.items()):
            base = by_id.get(parent)
            if base is not None and part not in by_id:
                name = f"{base.name or base.id} (split)"
                by_id[part] = dataclasses.replace(base, id=part, name=name)
        for iid, fields in self.edits.items():
            if iid in by_id and fields:
                by_id[iid] = dataclasses.replace(by_id[iid], **fields)
        return [
            i
            for i in by_id.values()
            if self.resolve(i.id) not in by_id or self.resolve(i.id) == i.id
        ]

    def original_key(self, key: str) -> str:
        """The key a correction is stored under, given the key of the corrected figure."""
        if key in self.figures:
            return key
        doc_span = key.rsplit(":", 1)[0]
        for fix in self.figures.values():
            same_span = fix.key.rsplit(":", 1)[0] == doc_span
            if same_span and f"{doc_span}:{fix.fields.get('category')}" == key:
                return fix.key
        return key


def renamed_merges(merges: Iterable[tuple[Any, ...]], renames: dict[str, str]) -> list[tuple]:
    """Merge rows (source, target, ...) with the ids linking renamed, by source: one that
    now merges an incident into itself is dropped; of two from one source, the first stays."""
    kept: dict[str, tuple] = {}
    for source, target, *rest in sorted(merges):
        source, target = renames.get(source, source), renames.get(target, target)
        if source != target:
            kept.setdefault(source, (source, target, *rest))
    return list(kept.values())


def renamed_edits(
    edits: Iterable[tuple[str, dict[str, Any]]], renames: dict[str, str]
) -> dict[str, dict[str, Any]]:
    """Incident edits with the ids linking renamed; of two now on one id, the first stays."""
    out: dict[str, dict[str, Any]] = {}
    for iid, fields in sorted(edits):
        out.setdefault(renames.get(iid, iid), fields)
    return out


def date_precision(text: str) -> int:
    """UCDP's date precision of `YYYY[-MM[-DD]]` or `start/end`; `ReviewError` if no date.

    1 a day, 2 a span of up to 6 days, 3 up to a week, 4 up to a month, 5 longer.
    """
    first, _, last = text.partition("/")
    days = []
    for part, start in ((first, True), (last or first, False)):
        pieces = part.split("-")
        try:
            if not (1 <= len(pieces) <= 3 and all(p.isascii() and p.isdigit() for p in pieces)):
                raise ValueError(part)
            year = int(pieces[0])
            month = int(pieces[1]) if len(pieces) > 1 else (1 if start else 12)
            end_of_month = calendar.monthrange(year, month)[1]
            day = int(pieces[2]) if len(pieces) > 2 else (1 if start else end_of_month)
            days.append(date(year, month, day))
        except (ValueError, calendar.IllegalMonthError) as err:
            raise ReviewError(
                f"a date is YYYY, YYYY-MM, YYYY-MM-DD or start/end, not {text[:30]!r}"
            ) from err
    span = (days[1] - days[0]).days + 1
    if span < 1:
        raise ReviewError("a date range must not end before it starts")
    return 1 if span == 1 else 2 if span <= 6 else 3 if span <= 7 else 4 if span <= 31 else 5


def clean_incident_fields(raw: dict[str, Any], current: Incident) -> dict[str, Any]:
    """A reviewer's edited incident fields that differ from `current`, checked; the date's
    precision follows the date. Raise `ReviewError` with the reason."""
    out: dict[str, Any] = {}
    for name in INCIDENT_EDITABLE:
        if name not in raw:
            continue
        value = " ".join(str(raw[name] or "").split())[:200] or None
        if name == "country" and value is not None:
            if not (len(value) == 2 and value.isascii() and value.isalpha()):
                raise ReviewError("country must be a two-letter ISO code (e.g. FR, US)")
            value = value.upper()
        if name == "date" and value is not None:
            out["date_prec"] = date_precision(value)
        if value != getattr(current, name):
            out[name] = value
    if "date" not in out:
        out.pop("date_prec", None)
    return out


def clean_fields(raw: dict[str, Any]) -> dict[str, Any]:
    """Validate a reviewer's corrected fields; raise `ReviewError` with the reason."""
    out: dict[str, Any] = {}
    for name in ("value", "value_high"):
        text = str(raw.get(name) or "").replace(",", "").strip()
        if not text:
            if name == "value":
                raise ReviewError("a corrected figure needs a value")
            out[name] = None
            continue
        if not (text.isascii() and text.isdigit()):
            raise ReviewError(f"{name} must be a whole number, not {text[:20]!r}")
        if len(text) > len(str(MAX_VALUE)) or int(text) > MAX_VALUE:
            raise ReviewError(f"{name} must be at most {MAX_VALUE:,} (more people than live)")
        out[name] = int(text)
    for name, allowed in (("category", CATEGORIES), ("group", GROUPS), ("qualifier", QUALIFIERS)):
        value = str(raw.get(name) or "").strip()
        if value not in allowed:
            raise ReviewError(f"{name} must be one of {', '.join(allowed)}")
        out[name] = value
    attribution = str(raw.get("attribution") or "").strip()
    out["attribution"] = attribution[:200] or None
    if out["value_high"] is not None and out["value_high"] < out["value"]:
        raise ReviewError("value_high must not be below value")
    return out


def checked_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """Stored corrected fields (a subset of `EDITABLE`) as they must be, else `ReviewError`.

    Corrections imported from a file are checked as a reviewer's form is, so no
    value a ledger cannot hold (or no count of people can be) gets in.
    """
    if not isinstance(fields, dict):
        raise ReviewError("corrected fields must be an object of field names and values")
    allowed = {"category": CATEGORIES, "group": GROUPS, "qualifier": QUALIFIERS}
    for name, value in fields.items():
        if name in {"value", "value_high"}:
            ok = (value is None and name == "value_high") or (
                type(value) is int and 0 <= value <= MAX_VALUE
            )
        elif name in allowed:
            ok = value in allowed[name]
        elif name == "attribution":
            ok = value is None or (isinstance(value, str) and len(value) <= 200)
        else:
            ok = False
        if not ok:
            raise ReviewError(f"a corrected {name} of {str(value)[:30]!r} is not allowed")
    return fields


def checked_incident_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """Stored incident edit fields as they must be (from a file), else `ReviewError`."""
    if not isinstance(fields, dict):
        raise ReviewError("edited incident fields must be an object of field names and values")
    for name, value in fields.items():
        if name in INCIDENT_EDITABLE:
            ok = value is None or (isinstance(value, str) and 0 < len(value) <= 200)
            if ok and value is not None and name == "date":
                date_precision(value)
            if ok and value is not None and name == "country":
                ok = len(value) == 2 and value.isascii() and value.isalpha()
        elif name in {"lat", "lon"}:
            limit = 90 if name == "lat" else 180
            ok = value is None or (type(value) in {int, float} and -limit <= value <= limit)
        elif name in {"date_prec", "where_prec"}:
            ok = value is None or (type(value) is int and 1 <= value <= 7)
        else:
            ok = False
        if not ok:
            raise ReviewError(f"an edited {name} of {str(value)[:30]!r} is not allowed")
    return fields
