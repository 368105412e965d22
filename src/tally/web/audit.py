"""The audit log in words: what a reviewer did, to which quote or incident, why.

The log stores each change's before and after states as plain dicts keyed by
field; a reader wants "value 12 → 14" beside the quote, not keys and hashes.
Everything here returns plain strings (the templates escape them).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tally.web.render import number

VERBS = {
    "confirm": "confirmed the figure",
    "reject": "rejected the figure",
    "correct": "corrected the figure",
    "move": "moved the figure",
    "reset": "undid the review of the figure",
    "merge": "merged incidents",
    "split": "split the incident",
    "edit": "edited the incident",
}
LABELS = {
    "value": "value",
    "value_high": "high value",
    "category": "category",
    "group": "group",
    "qualifier": "qualifier",
    "attribution": "attributed to",
    "status": "review",
    "moved_to": "counts incident",
    "name": "name",
    "type": "type",
    "date": "date",
    "place": "place",
    "admin1": "region",
    "country": "country",
}
"""Fields shown, in this order, with the words they are shown under (others are derived)."""


@dataclass(frozen=True)
class Change:
    """One field a change touched: its label, and the value before and after in words."""

    label: str
    before: str
    after: str


@dataclass(frozen=True)
class Entry:
    """One audit entry as a page shows it."""

    at: str
    reviewer: str
    what: str
    quote: str | None
    """The figure's quote, for a change to a figure."""
    about: str
    """The incident (or figure) it changed, in words."""
    changes: tuple[Change, ...]
    reason: str | None


def _word(name: str, value: Any, names: dict[str, str]) -> str:
    if value is None or value == "":
        return "none" if name != "attribution" else "the document's own voice"
    if name in {"value", "value_high"} and isinstance(value, int):
        return number(value)
    if name == "moved_to":
        return names.get(str(value), str(value))
    return str(value)


def changes(before: dict[str, Any], after: dict[str, Any], names: dict[str, str]) -> list[Change]:
    """The shown fields whose value differs between two states, in words."""
    return [
        Change(label, _word(name, before.get(name), names), _word(name, after.get(name), names))
        for name, label in LABELS.items()
        if (name in before or name in after) and before.get(name) != after.get(name)
    ]


def entry(raw: dict[str, Any], quotes: dict[str, str], names: dict[str, str]) -> Entry:
    """An audit row (`Corrections.audit`) in words; `quotes` gives figure keys' quotes and
    `names` incident ids' names, where known."""
    action = str(raw.get("action") or "")
    before, after = raw.get("before") or {}, raw.get("after") or {}
    target = str(raw.get("target") or "")
    quote, about, what = None, names.get(target, target), VERBS.get(action, action)
    found: list[Change] = []
    if action == "merge":
        source, into = str(before.get("incident") or target), str(after.get("merged_into") or "")
        what = f"merged {names.get(source, source)} into {names.get(into, into)}"
        about = names.get(into, into)
    elif action == "split":
        part = str(after.get("split_into") or "")
        n = len(after.get("figures") or [])
        what = f"split {n} figure{'s' * (n != 1)} off into {names.get(part, part)}"
    elif action == "edit":
        found = changes(before, after, names)
    else:
        quote = before.get("quote") or after.get("quote") or quotes.get(target)
        about = " / ".join(str(x) for x in (before.get("category"), before.get("group")) if x)
        about = about or "a figure"
        found = changes(before, after, names)
        if action == "move" and after.get("moved_to"):
            moved = str(after["moved_to"])
            what = f"moved the figure to {names.get(moved, moved)}"
    return Entry(
        at=str(raw.get("at") or "")[:19].replace("T", " "),
        reviewer=str(raw.get("reviewer") or ""),
        what=what,
        quote=quote,
        about=about,
        changes=tuple(found),
        reason=raw.get("reason"),
    )
