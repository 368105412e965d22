"""Turn ledger data into what the templates show: highlighted text, sentences, chart data.

Article text is data, never markup: everything here returns plain strings in
structures, and the templates escape them (autoescape is on; no `|safe`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import Any

from tally.extract.sentences import split_sentences
from tally.models import Figure, Span

_CLOSERS = "\"'”’)]"
"""What may close a sentence after its full stop: kept with the sentence shown."""
_CONTEXT = 320


@dataclass(frozen=True)
class Segment:
    """A run of document text, highlighted when it states a figure, dimmed when page furniture."""

    text: str
    figures: tuple[Figure, ...] = ()
    furniture: bool = False
    anchor: bool = False
    """True on the first run of a highlight: links to the figure point here."""

    @property
    def label(self) -> str:
        """A short description of the figures the segment states (for the tooltip)."""
        return "; ".join(describe(f) for f in self.figures)


def describe(fig: Figure | dict[str, Any]) -> str:
    """`killed/women 106 (exact)`: a figure in a few words."""
    get = fig.get if isinstance(fig, dict) else lambda k, d=None: getattr(fig, k, d)
    value = number(get("value"), get("value_high"))
    return f"{get('category')}/{get('group')} {value} ({get('qualifier')})"


def short_name(name: str | None) -> str:
    """A document's name without its folders (a path or URL can be long and says little)."""
    if not name:
        return ""
    tail = str(name).rstrip("/").replace("\\", "/").rsplit("/", 1)[-1]
    return tail or str(name)


def date_range(value: str | None) -> str:
    """`1992-02-25/1992-02-26` as `1992-02-25 – 1992-02-26`, so it can wrap."""
    return (value or "").replace("/", " – ")


def number(value: int | None, high: int | None = None) -> str:
    """A count with thousands separators; a range as `30–40`."""
    if not isinstance(value, int | float):
        return "" if value is None else str(value)
    if isinstance(high, int | float) and high != value:
        return f"{value:,}–{high:,}"
    return f"{value:,}"


def segments(text: str, figures: Iterable[Figure], furniture: Iterable[Span] = ()) -> list[Segment]:
    """Split `text` into plain, highlighted and furniture runs; overlapping figures share one run."""
    spans: list[tuple[int, int, list[Figure]]] = []
    for fig in sorted(figures, key=lambda f: (f.start, f.end)):
        start, end = max(0, fig.start), min(len(text), fig.end)
        if start >= end:
            continue
        if spans and start < spans[-1][1]:
            s, e, figs = spans[-1]
            spans[-1] = (s, max(e, end), [*figs, fig])
        else:
            spans.append((start, end, [fig]))
    cuts = {0, len(text)}
    for start, end, _ in spans:
        cuts.update((start, end))
    marked = [(max(0, f.start), min(len(text), f.end)) for f in furniture]
    for start, end in marked:
        cuts.update((start, end))
    bounds = sorted(c for c in cuts if 0 <= c <= len(text))
    by_start = {start: (end, figs) for start, end, figs in spans}
    out: list[Segment] = []
    open_figs: tuple[Figure, ...] = ()
    open_until = -1
    for a, b in pairwise(bounds):
        if a in by_start:
            open_until, figs = by_start[a]
            open_figs = tuple(figs)
        figs_here = open_figs if a < open_until else ()
        in_furniture = any(s <= a and b <= e for s, e in marked)
        out.append(Segment(text[a:b], figs_here, in_furniture, a in by_start))
    return out


def sentence(text: str, start: int, end: int) -> tuple[str, str, str]:
    """(before, quote, after): the quote inside the sentence that holds it, trimmed to a window.

    Sentences are the extractor's (`split_sentences`), read on the window around the quote.
    """
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    lo, hi = max(0, start - _CONTEXT), min(len(text), end + _CONTEXT)
    spans = [(lo + a, lo + b) for a, b in split_sentences(text[lo:hi])] or [(lo, hi)]
    first = max((k for k, (a, _) in enumerate(spans) if a <= start), default=0)
    last = next((k for k, (_, b) in enumerate(spans) if b >= end), len(spans) - 1)
    left = lo if first == 0 else spans[first][0]
    right = hi if last == len(spans) - 1 else spans[last][1]
    while right < hi and text[right] in _CLOSERS:
        right += 1
    before, after = text[left:start].lstrip(), text[end:right].rstrip()
    if left == lo and lo > 0:
        before = "…" + before
    if right == hi and hi < len(text):
        after += "…"
    return before, text[start:end], after


def day_number(iso: str | None) -> int | None:
    """Days since 1970-01-01 of an ISO date (`YYYY[-MM[-DD]]`), for the chart's x axis."""
    if not iso:
        return None
    parts = iso.split("/")[0].split("-")
    try:
        y = int(parts[0])
        m = int(parts[1]) if len(parts) > 1 else 1
        d = int(parts[2][:2]) if len(parts) > 2 else 1
        return (date(y, m, d) - date(1970, 1, 1)).days
    except (ValueError, IndexError):
        return None


def chart_data(rows: list[dict[str, Any]], limit: int = 6) -> list[dict[str, Any]]:
    """One chart per reconciled (category, group): each source's statements over time.

    Conflicts come first, then the rows with most statements, killed before injured.
    Returns plain data for `tojson`; the page's script draws it with Chart.js.
    """
    charts = []
    order = {c: i for i, c in enumerate(("killed", "injured", "missing", "captured", "displaced"))}
    ranked = sorted(
        rows,
        key=lambda r: (
            not r.get("conflict"),
            -len(r.get("statements") or []),
            order.get(str(r.get("category")), 9),
            r.get("group") != "people",
        ),
    )
    for row in ranked:
        by_source: dict[str, list[dict[str, Any]]] = {}
        undated = 0
        for s in row.get("statements") or []:
            x = day_number(s.get("published"))
            if x is None or s.get("value") is None:
                undated += 1
                continue
            source = s.get("publisher") or short_name(s.get("doc")) or "unknown source"
            by_source.setdefault(str(source), []).append(
                {"x": x, "y": s["value"], "quote": str(s.get("quote") or "")[:160]}
            )
        if not by_source:
            continue
        charts.append(
            {
                "id": f"{row.get('category')}-{row.get('group')}",
                "title": f"{row.get('category')} / {row.get('group')}",
                "undated": undated,
                "series": [
                    {"label": src, "points": sorted(pts, key=lambda p: p["x"])}
                    for src, pts in sorted(by_source.items())
                ],
            }
        )
        if len(charts) >= limit:
            break
    return charts
