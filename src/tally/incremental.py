"""Relinking what changed, not the ledger: new documents (`relink_new`) and reviewers'
changes (`touched_view`).

Linking clusters local incidents by pairs that score, merged strongest first; a group
(the local incidents any such pair joins, merged or refused) shares no pair with another,
so it links alone exactly as it links in the whole ledger. New local incidents therefore
link together with the groups of the stored ones they can pair with (found through the
link index, `store.linkindex`, by what a pair must share and within reach of their dates),
and nothing else moves, given what the whole ledger decides and the part cannot see:
- rarity: a word is rare in at most `RARE_SHARE` of the ledger's local incidents, counted
  in the index. A word whose rarity the new documents flip (it grows common, or the limit
  grows past it) changes pairs between stored local incidents: their groups link again;
- blocks: a block's kind (small or big, anchored by coarse dates or not) decides which of
  its pairs are scored; a block whose kind the new documents change links again whole;
- ids: incidents sharing a slug take their days and hashes from one another
  (`ids.fresh_ids`), so the stored incidents of the slugs the relinked ones take or leave
  are named again with them (an incident alone of its slug takes its day once another
  arrives, and drops it once the other's place or type moves it to another slug).
Where that part is a large share of the ledger, or the published links no longer follow
from the stored local incidents (a stored document's extraction was replaced), the whole
ledger is relinked instead. The incidents the new links touch are then reconciled as a
reviewer's change is (`touched_view`), in one short transaction.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator

from tally import touched
from tally.link.across import Wide, link_part, rare_limit
from tally.link.clusters import cluster_incident
from tally.link.evidence import pair_score
from tally.link.home import homes
from tally.link.ids import Member, fresh_ids
from tally.link.ids import redirects as redirected_ids
from tally.link.keys import DATE_REACH, block_key, indexed, search_keys
from tally.link.nodes import BIG_BLOCK, THRESHOLD, Node, mark_rare, node
from tally.models import Incident, Reconciled, Statement, Total
from tally.reconcile import reconcile
from tally.store import Ledger
from tally.store.corrections import Corrections, CorrectionSet
from tally.totals import settle

MAX_SHARE = 0.2
"""Above this share of the ledger's local incidents, a part links no faster than the whole."""


def ledger_stamp(ledger: Ledger) -> tuple[int, ...]:
    """What relinking reads, in counts: another writer's documents or corrections change it."""
    return tuple(ledger.count(t) for t in ("documents", "document_names", "figures", "audit_log"))


@dataclasses.dataclass
class NewLinks:
    """What linking new documents writes: links, incidents named anew, redirects, renames."""

    links: list[tuple[str, str, str, str | None]]
    gone: set[str]
    clusters: list[tuple[str, str, str | None, str, str]]
    redirects: dict[str, str]
    renames: dict[str, str]
    ids: set[str]
    """The incidents whose members or ids changed, old ids and new."""
    nodes: int


def relink_new(ledger: Ledger, tries: int) -> int | None:
    """Link the local incidents no link names yet into the published view without
    relinking the ledger, and reconcile the incidents that changed; None (nothing
    written) when the whole ledger must be relinked. Returns the number of incidents."""
    with ledger.conn.snapshot():
        stamp = ledger_stamp(ledger)
        before = ledger.linked_from()
        entries = ledger.audit_since_view() if before is not None else None
        if before is None or entries is None:
            return None
        found = new_links(ledger, before)
        if found is None:
            return None
    with ledger.conn.transaction() as c:
        current = ledger_stamp(ledger) == stamp and ledger.linked_from() == before
        if current:
            Corrections(ledger.conn).rename_incidents(found.renames)
            ledger.write_links(c, found.links, found.gone, found.clusters)
            ledger.record_linked(c, found.nodes)
            ledger.stage_redirects(found.redirects)
            ledger.write_redirects(c)
            ids, targets = touched.named(entries)
            figures, scope, rows = touched_view(ledger, ids | found.ids, targets)
            ledger.publish_touched(figures, scope, rows)
            c.execute("DELETE FROM incident_redirects WHERE old IN (SELECT id FROM incidents)")
    if not current:
        from tally.pipeline import relink  # the caller's: another writer came first

        return relink(ledger, tries=tries - 1) if tries > 1 else ledger.count("incidents")
    return ledger.count("incidents")


def new_links(ledger: Ledger, before: int) -> NewLinks | None:
    """Link the new local incidents with the groups they can join (`before`: how many local
    incidents the published links came from); None when the whole ledger must be linked."""
    new = ledger.new_local_incidents()
    total = ledger.count("local_incidents")
    if not new or total != before + len(new) or len(new) > MAX_SHARE * total:
        return None
    fresh = [node(li) for li in new]
    limit, limit_before = rare_limit(total), rare_limit(before)
    counted = Counter(w for n in fresh for w in {*n.words, *n.figs})
    df = ledger.word_counts(counted)
    rare = {w for w, c in counted.items() if df.get(w, c) <= limit}
    seeds = ledger.with_keys(
        k for w in _flipped(ledger, counted, df, limit_before, limit) for k in (f"w|{w}", f"f|{w}")
    )
    seeds |= _reblocked(ledger, fresh)
    seeds -= {(li.doc_id, li.key) for li in new}
    if len(seeds) > MAX_SHARE * total:
        return None
    mark_rare(fresh, rare)
    found = _pairing(ledger, fresh, rare, limit)
    if found is None:
        return None
    groups = found | {grp for _, grp in ledger.local_by_key(seeds).values()}
    if None in groups:
        return None
    stored = ledger.in_groups(groups)
    if len(stored) > MAX_SHARE * total:
        return None
    known, moved = _homes(ledger, fresh)
    if moved - {li.doc_id for li, _ in stored}:
        more = ledger.groups_of(moved)
        if None in more:
            return None
        groups |= more
        stored = ledger.in_groups(groups)
        if len(stored) > MAX_SHARE * total:
            return None
    pool: dict = {}
    nodes = sorted(
        [node(li, pool) for li in new] + [node(li, pool) for li, _ in stored],
        key=lambda n: (n.li.doc_id, n.li.key),
    )
    known |= homes(ledger.outlet_votes({n.outlet for n in nodes if n.outlet} - known.keys()))
    clusters, grouped = link_part(
        nodes, dataclasses.replace(_wide(ledger, nodes, limit), homes=known)
    )
    old = {linked for _, linked in stored}
    bases = {c.base for c in clusters} | ledger.bases_of(old)  # a slug they leave, too
    others = [row for row in ledger.clusters_named(bases) if row[0] not in old]
    ids = fresh_ids(
        [(c.base, c.incident.date, c.members) for c in clusters]
        + [(base, day, [(doc, key)]) for _, base, day, doc, key in others]
    )
    links: list[tuple[str, str, str, str | None]] = []
    rows = []
    for c, iid in zip(clusters, ids, strict=False):
        links += [(*m, iid, grouped[m]) for m in c.members]
        rows.append((iid, c.base, c.incident.date, *min(c.members)))
    renamed = {}
    for (oid, base, day, doc, key), iid in zip(others, ids[len(clusters) :], strict=True):
        if iid != oid:
            renamed[oid] = iid
            rows.append((iid, base, day, doc, key))
    published = [(li.doc_id, li.key, linked) for li, linked in stored]
    for oid, doc, key in ledger.linked_to(renamed):
        links.append((doc, key, renamed[oid], None))
        published.append((doc, key, oid))
    mapping = {(d, k): iid for d, k, iid, _ in links}
    return NewLinks(
        links=sorted(links),
        gone=old | set(renamed),
        clusters=rows,
        redirects=redirected_ids(mapping, published),
        renames=ledger.renames_of(published, mapping),
        ids=old | set(renamed) | set(mapping.values()),
        nodes=total,
    )


def _homes(ledger: Ledger, fresh: list[Node]) -> tuple[dict[str, str], set[str]]:
    """The home states of the new reports' outlets (`link.home`) from every report of theirs
    in the ledger, and the stored documents whose place a home the new reports changed
    moves (their incidents are described again, as a full relink would: a home places a
    report, it never pairs two)."""
    mine = {n.li.doc_id for n in fresh}
    outlets = {n.outlet for n in fresh if n.outlet}
    votes = ledger.outlet_votes(outlets)
    now = homes(votes)
    added = Counter((n.outlet, n.home) for n in fresh if n.outlet and n.home)
    before = homes((Counter(votes) - added).elements())
    flipped = {o for o in outlets if now.get(o) != before.get(o)}
    moved = ledger.unsure_documents(flipped) - mine if flipped else set()
    return now, moved


def _flipped(
    ledger: Ledger, counted: Counter[str], df: dict[str, int], limit_before: int, limit: int
) -> set[str]:
    """The words whose rarity the new local incidents flip among the stored ones: those they
    bring that grow common, and those the grown limit makes rare."""
    out = set()
    for w, c in counted.items():
        now = df.get(w, c)
        if now > c and (now - c <= limit_before) != (now <= limit):
            out.add(w)
    if limit != limit_before:
        out.update(w for w in ledger.words_counted(limit_before, limit) if w not in counted)
    return out


def _kind(period: str, size: int, coarse: int) -> tuple[bool, bool] | None:
    """How a block of `size` nodes (`coarse` of them coarse) pairs (`candidates.pairs`)."""
    if not size or (period.startswith("month|") and not coarse):
        return None
    anchored = period.startswith("month|") and coarse < size
    return anchored, size <= BIG_BLOCK


def _reblocked(ledger: Ledger, fresh: list[Node]) -> set[Member]:
    """The stored local incidents of blocks whose kind the new ones change, and those of
    unknown country of periods whose kinds of block change (`Joined` pairs by kind)."""
    added: Counter[tuple[str, str]] = Counter()
    added_coarse: Counter[tuple[str, str]] = Counter()
    for n in fresh:
        for period, country, coarse in indexed(n).blocks:
            added[(period, country)] += 1
            added_coarse[(period, country)] += coarse
    counts = ledger.block_counts({p for p, _ in added})
    by_period: dict[str, set[str]] = defaultdict(set)
    for p, country in counts:
        by_period[p].add(country)
    keys: list[str] = []
    for period, countries in by_period.items():

        def own(country: str, then: bool, period: str = period) -> tuple[int, int]:
            n, coarse = counts.get((period, country), (0, 0))
            if then:
                n, coarse = n - added[(period, country)], coarse - added_coarse[(period, country)]
            return n, coarse

        kinds: list[set[tuple[bool, bool]]] = [set(), set()]
        for country in countries:
            seen = []
            for k, then in enumerate((True, False)):
                outside = own("?", then)
                mine = (0, 0) if country == "?" else own(country, then)
                kind = _kind(period, mine[0] + outside[0], mine[1] + outside[1])
                seen.append(kind)
                if kind is not None:
                    kinds[k].add(kind)
            if seen[0] is not None and seen[0] != seen[1]:
                keys += [f"B|{period}|{country}", f"B|{period}|?"]
        if kinds[0] != kinds[1]:
            keys.append(f"B|{period}|?")
    return ledger.with_keys(keys) if keys else set()


def _pairing(ledger: Ledger, fresh: list[Node], rare: set[str], limit: int) -> set[str] | None:
    """The groups of the stored local incidents some new one can pair with: found by what
    a pair must share (`keys.search_keys`), kept where the pair scores."""
    by_new: dict[Member, list[int]] = defaultdict(list)
    mine = {(n.li.doc_id, n.li.key) for n in fresh}
    for i, n in enumerate(fresh):
        dated, anytime = search_keys(n, rare)
        if n.lo_day and n.hi_day:
            near = ledger.with_keys(dated, n.lo_day - DATE_REACH, n.hi_day + DATE_REACH)
        else:
            near = ledger.with_keys(dated)
        for m in (near | ledger.with_keys(anytime)) - mine:
            by_new[m].append(i)
    stored = ledger.local_by_key(by_new)
    pool: dict = {}
    them = {m: node(li, pool) for m, (li, _) in stored.items()}
    words = {w for m in them.values() for w in (*m.words, *m.figs)} - rare
    df = ledger.word_counts(words)
    mark_rare(list(them.values()), rare | {w for w in words if df.get(w, 0) <= limit})
    out: set[str] = set()
    for m, b in them.items():
        for i in by_new[m]:
            a = fresh[i]
            if any(
                (s := pair_score(a, b, lasting)) is not None and s >= THRESHOLD
                for lasting in (False, True)
            ):
                out.add(stored[m][1])
                break
    return out


def _wide(ledger: Ledger, nodes: list[Node], limit: int) -> Wide:
    """What `link_part` must know of the whole ledger for `nodes`."""
    words = {w for n in nodes for w in (*n.words, *n.figs)}
    df = ledger.word_counts(words)
    periods = {p for n in nodes for p, _, _ in indexed(n).blocks}
    blocks = {block_key(p, c): v for (p, c), v in ledger.block_counts(periods).items()}
    return Wide({w for w in words if df.get(w, 0) <= limit}, blocks)


def touched_view(
    ledger: Ledger, ids: set[str], targets: set[str]
) -> tuple[dict[str, str | None], set[str], list[tuple[Incident, list[Reconciled], dict]]]:
    """The incidents some ids name and some figures (`targets`) count, closed under
    reviewers' merges, splits and moves, reconciled from the published links: the figures'
    new incidents, the incidents to replace, and their rows.

    Each is described again from its own local incidents (`clusters.cluster_incident`, as
    linking does) and reconciled from its figures, read through indexes: the cost grows
    with the incidents touched, never with the ledger.
    """
    fixes = Corrections(ledger.conn).snapshot()
    scope = touched.closed(ids | ledger.figure_incidents(targets), fixes)
    linked = ledger.linked_among(touched.relevant(scope, fixes))
    view = touched.known(linked, fixes)
    members = {iid: [node(li) for li in lis] for iid, lis in ledger.members(scope & linked).items()}
    known = homes(
        ledger.outlet_votes({n.outlet for ns in members.values() for n in ns if n.outlet})
    )
    base = [
        dataclasses.replace(cluster_incident(nodes, known)[0], id=iid)
        for iid, nodes in members.items()
    ]
    incidents = [i for i in fixes.incidents(base) if i.id in scope and i.id in view]
    moves = fixes.moves(view)
    figures: dict[str, str | None] = {}
    grouped: dict[str, list[Statement]] = {}
    keys = touched.moved_keys(scope, fixes) | targets
    for s, link, stored in ledger.touched_figures(scope & linked, keys):
        key = s.figure.key
        final = None if link is None else moves.get(key, fixes.incident_of(link, view))
        if final != stored:
            figures[key] = final
        if final is not None and final in scope:
            fig = dataclasses.replace(s.figure, incident=final)
            grouped.setdefault(final, []).append(dataclasses.replace(s, figure=fig))
    order = sorted(grouped)
    for iid in order:
        grouped[iid].sort(
            key=lambda s: (s.figure.doc_id, s.figure.start, s.figure.category, s.figure.end)
        )
    rows = list(reconciled(incidents, ((i, grouped[i]) for i in order), fixes))
    return figures, scope, rows


def reconciled(
    incidents: list[Incident],
    grouped: Iterable[tuple[str, list[Statement]]],
    fixes: CorrectionSet,
) -> Iterator[tuple[Incident, list[Reconciled], dict[str, Total]]]:
    """Each incident with its reconciled figures and totals, reconciled one at a time.

    `grouped` gives each incident's statements as stored; reviewers' corrections
    are applied here (a rejected figure drops out). Incidents without figures
    come last, with an empty reconciliation; statements of an incident that is
    not in `incidents` (merged away) are not shown.
    """
    pending = {inc.id: inc for inc in incidents}
    for iid, stored in grouped:
        inc = pending.pop(iid, None)
        if inc is None:
            continue
        statements = []
        for s in stored:
            fig = fixes.figure(s.figure, s.language)
            if fig is not None:
                statements.append(s if fig is s.figure else dataclasses.replace(s, figure=fig))
        tot, recs = settle(reconcile(statements)) if statements else ({}, [])
        yield inc, recs, tot
    for inc in pending.values():
        yield inc, [], {}
