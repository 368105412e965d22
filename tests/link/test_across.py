"""Across documents: the same incident from different outlets, different ones kept apart."""

from __future__ import annotations

import random

import pytest

from tally.link import across, candidates, nodes
from tally.link.across import link_across
from tally.link.clusters import slug
from tally.link.within import link_within
from tally.models import Document, LocalIncident, text_hash
from tests.link.test_within import fig


def li(doc: str, key: str = "main", **kw: object) -> LocalIncident:
    return LocalIncident(doc_id=doc, key=key, **kw)  # type: ignore[arg-type]


KABUL = dict(place="Kabul", country="AF", lat=34.528, lon=69.172, where_prec=1)
KABUL_CUES = ("place:kabul", "geo:AF:13:kabul", "pop:4434550")


def test_same_bombing_reported_on_different_days_links() -> None:
    a = li(
        "a",
        type="bombing",
        date="2021-08-26",
        date_prec=1,
        **KABUL,
        cues=(*KABUL_CUES, "w:abbey gate", "w:islamic state", "fig:killed:combatants:13"),
    )
    b = li(
        "b",
        type="bombing",
        date="2021-08-26",
        date_prec=1,
        **KABUL,
        cues=(*KABUL_CUES, "w:abbey gate", "fig:killed:combatants:13"),
    )
    incidents, mapping = link_across([a, b])
    assert len(incidents) == 1
    assert mapping[("a", "main")] == mapping[("b", "main")] == "kabul-bombing-2021"


def test_different_incidents_in_one_city_stay_apart() -> None:
    bomb = li("a", type="bombing", date="2021-08-26", date_prec=1, **KABUL, cues=KABUL_CUES)
    strike = li("b", type="air strike", date="2021-08-29", date_prec=1, **KABUL, cues=KABUL_CUES)
    same_day = li("c", type="shooting", date="2021-08-26", date_prec=1, **KABUL, cues=KABUL_CUES)
    incidents, mapping = link_across([bomb, strike, same_day])
    assert len({mapping[(d, "main")] for d in "abc"}) == 3
    assert {i.id for i in incidents} == {
        "kabul-bombing-2021",
        "kabul-air-strike-2021",
        "kabul-shooting-2021",
    }


def test_two_shootings_in_a_big_city_on_one_day_need_more_than_the_city() -> None:
    chicago = dict(place="Chicago", country="US", admin1="IL", where_prec=1, lat=41.85, lon=-87.65)
    cues = ("place:chicago", "geo:US:IL:chicago", "pop:2720546")
    a = li(
        "a",
        type="shooting",
        date="2016-07-04",
        date_prec=1,
        **chicago,
        cues=(*cues, "w:englewood", "w:marcus jones", "fig:killed:people:1"),
    )
    b = li(
        "b",
        type="shooting",
        date="2016-07-04",
        date_prec=1,
        **chicago,
        cues=(*cues, "w:rogers park", "w:clark street", "fig:injured:people:4"),
    )
    c = li(
        "c",
        type="shooting",
        date="2016-07-05",
        date_prec=1,
        **chicago,
        cues=(*cues, "w:englewood", "w:marcus jones", "fig:killed:people:1"),
    )
    _, mapping = link_across([a, b, c])
    assert mapping[("a", "main")] == mapping[("c", "main")] != mapping[("b", "main")]


BEIRUT = dict(place="Beirut", country="LB", where_prec=1, lat=33.89, lon=35.49)
BEIRUT_CUES = ("place:beirut", "geo:LB:04:beirut", "pop:1916100")


def test_mass_casualty_reports_of_one_day_and_place_link_without_shared_figures() -> None:
    day1 = ("fig:killed:people:78", "fig:injured:people:4000")
    day3 = ("fig:killed:people:154", "fig:injured:people:5000")
    a = li(
        "a", type="explosion", date="2020-08-04", date_prec=1, **BEIRUT, cues=(*BEIRUT_CUES, *day1)
    )
    b = li(
        "b", type="explosion", date="2020-08-04", date_prec=1, **BEIRUT, cues=(*BEIRUT_CUES, *day3)
    )
    small = li(
        "c",
        type="explosion",
        date="2020-08-04",
        date_prec=1,
        **BEIRUT,
        cues=(*BEIRUT_CUES, "fig:injured:people:2"),
    )
    _, mapping = link_across([a, b, small])
    assert mapping[("a", "main")] == mapping[("b", "main")] != mapping[("c", "main")]


def test_background_conflicts_link_by_country() -> None:
    a = li(
        "a",
        "bg-conflict",
        type="conflict",
        country="BF",
        background=True,
        date="2015/2021",
        date_prec=5,
        cues=("kind:conflict",),
    )
    b = li(
        "b", "bg-conflict", type="conflict", country="BF", background=True, cues=("kind:conflict",)
    )
    c = li(
        "c", "bg-conflict", type="conflict", country="NG", background=True, cues=("kind:conflict",)
    )
    main = li("a", type="massacre", country="BF", date="2021-06-05", date_prec=1)
    incidents, mapping = link_across([a, b, c, main])
    assert mapping[("a", "bg-conflict")] == mapping[("b", "bg-conflict")]
    assert mapping[("c", "bg-conflict")] != mapping[("a", "bg-conflict")]
    assert mapping[("a", "main")] != mapping[("a", "bg-conflict")]
    assert sum(i.background for i in incidents) == 2


def test_ids_do_not_depend_on_input_order_and_collisions_take_their_days() -> None:
    years = ["2015-03-01", "2015-03-20", "2015-06-01", "2015-09-09"]
    local = [
        li(
            f"d{i}",
            type="shooting",
            date=d,
            date_prec=1,
            place="Springfield",
            country="US",
            where_prec=1,
            cues=("place:springfield",),
        )
        for i, d in enumerate(years)
    ]
    first = link_across(local)[1]
    shuffled = local[:]
    random.Random(7).shuffle(shuffled)
    assert link_across(shuffled)[1] == first
    assert {doc: first[(doc, "main")] for doc in ("d0", "d1", "d2", "d3")} == {
        f"d{i}": f"springfield-shooting-{d}" for i, d in enumerate(years)
    }
    assert link_across(local[:1])[1] == {("d0", "main"): "springfield-shooting-2015"}


def test_a_past_incident_named_in_passing_joins_its_own_reports() -> None:
    report = (
        "Suicide bomber kills 13 U.S. troops at Kabul airport\n\n"
        "KABUL — A suicide bomber struck the Abbey Gate of Kabul airport on Thursday, killing "
        "13 U.S. service members and dozens of Afghans, the Pentagon said.\n"
    )
    later = (
        "Drone strike kills family in Kabul\n\n"
        "KABUL — A U.S. drone strike hit a family home in Kabul on Sunday, killing 10 civilians, "
        "relatives said.\n\nThe strike came three days after a suicide bombing at the Abbey Gate "
        "of the airport killed 13 U.S. service members.\n"
    )
    docs = [
        Document(id=text_hash(t), text=t, kind="text", name=n, published=p)
        for t, n, p in ((report, "r", "2021-08-27"), (later, "l", "2021-08-30"))
    ]
    local = []
    keys = []
    for d, quotes in zip(docs, (["killing 13"], ["killing 10", "killed 13"]), strict=True):
        out, lis = link_within(d, [fig(d, q, int(q.split()[-1])) for q in quotes])
        local += lis
        keys.append([f.incident for f in out])
    _, mapping = link_across(local)
    airport = mapping[(docs[0].id, "main")]
    assert mapping[(docs[1].id, keys[1][1])] == airport
    assert mapping[(docs[1].id, "main")] != airport


def test_a_big_block_scores_only_pairs_that_share_a_cue(monkeypatch: pytest.MonkeyPatch) -> None:
    """3,000 shootings in one city and week: only the two reports of one are scored, not all pairs."""
    chicago = dict(place="Chicago", country="US", admin1="IL", where_prec=1, lat=41.85, lon=-87.65)
    cues = ("place:chicago", "geo:US:IL:chicago", "pop:2720546")

    def shooting(doc: str, n: int) -> LocalIncident:
        return li(
            doc,
            type="shooting",
            date=f"2024-06-{3 + n % 5:02d}",
            date_prec=1,
            **chicago,
            cues=(*cues, f"w:victim {n}", f"w:block {n}", f"fig:arrested:people:{n}"),
        )

    local = [shooting(f"d{n:04d}", n) for n in range(3000)] + [shooting("again", 7)]
    scored = []
    score = across.pair_score

    def counting(a: nodes.Node, b: nodes.Node, lasting: bool = False) -> int | None:
        scored.append((a.li.doc_id, b.li.doc_id))
        return score(a, b, lasting)

    monkeypatch.setattr(across, "pair_score", counting)
    monkeypatch.setattr(candidates, "pair_score", counting)
    incidents, mapping = link_across(local)
    assert len(incidents) == 3000
    assert mapping[("again", "main")] == mapping[("d0007", "main")]
    assert set(scored) == {("again", "d0007")}


def test_reports_of_unknown_country_are_indexed_once_per_period(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A report naming no country joins every country's block of its week; with 60 countries
    it still links where it should, and its cues are read once per period, not per country."""
    countries = [f"C{n:02d}" for n in range(60)]
    local = [
        li(
            f"{c}-{k}",
            type="shooting",
            date="2024-06-04",
            date_prec=1,
            place=f"Town {c}",
            country=c,
            where_prec=1,
            cues=(f"place:town {c.lower()}", f"w:victim {c} {k}", *extra),
        )
        for c in countries
        for k in range(2)
        for extra in [("w:juniper lane",) if (c, k) == ("C07", 1) else ()]
    ]
    unplaced = dict(type="shooting", date="2024-06-04", date_prec=1)
    local += [
        li("nowhere-1", **unplaced, cues=("w:victim C07 1", "w:juniper lane", "w:ada okafor")),
        li("nowhere-2", **unplaced, cues=("w:juniper lane", "w:ada okafor", "w:hazel row")),
    ]
    reads: dict[str, int] = {}
    keys = candidates.cue_keys

    def counting(n: nodes.Node) -> object:
        reads[n.li.doc_id] = reads.get(n.li.doc_id, 0) + 1
        return keys(n)

    monkeypatch.setattr(candidates, "cue_keys", counting)
    incidents, mapping = link_across(local)
    assert mapping[("nowhere-1", "main")] == mapping[("nowhere-2", "main")]
    assert mapping[("nowhere-1", "main")] == mapping[("C07-1", "main")]
    assert len(incidents) == 60 * 2 + 2 - 2  # the two unplaced reports join C07-1
    periods = len(candidates.block_keys(nodes.node(local[-1])))
    assert reads["nowhere-1"] <= periods
    assert reads["C07-1"] <= periods


def test_slug() -> None:
    assert slug("Wad al-Nourah") == "wad-al-nourah"
    assert slug("Kābūl") == "kabul"


SURFSIDE_LIKE = dict(
    place="Bal Harbour", country="US", admin1="FL", where_prec=1, lat=25.89, lon=-80.13
)
BAL_CUES = ("place:bal harbour", "geo:US:FL:bal harbour", "pop:3000")


@pytest.mark.parametrize(
    ("first", "later", "linked"),
    [
        (  # the flash and a follow-up a month later: two rare names, the toll rose
            dict(
                date="2021-06-25",
                **SURFSIDE_LIKE,
                cues=(
                    *BAL_CUES,
                    "w:harbour view towers",
                    "w:mayor ana ortiz",
                    "fig:killed:people:12",
                ),
            ),
            dict(
                date="2021-07-26",
                country="US",
                cues=(
                    "w:harbour view towers",
                    "w:mayor ana ortiz",
                    "w:bal harbour",
                    "fig:killed:people:97",
                ),
            ),
            True,
        ),
        (  # one shared venue and a shared figure: the inquiry's report of the same toll
            dict(
                date="2017-05-22",
                country="GB",
                cues=("w:northgate arena", "fig:killed:people:22", "fig:injured:people:59"),
            ),
            dict(
                date="2018-03-27",
                country="GB",
                cues=("w:northgate arena", "fig:killed:people:22", "fig:injured:people:800"),
            ),
            True,
        ),
        (  # the same venue a year later, nothing else shared: another event
            dict(
                date="2017-05-22", country="GB", cues=("w:northgate arena", "fig:killed:people:22")
            ),
            dict(
                date="2018-05-20",
                country="GB",
                cues=("w:northgate arena", "fig:killed:people:3", "fig:injured:people:14"),
            ),
            False,
        ),
        (  # two rare names but small tolls: a follow-up link needs a deadly event
            dict(
                date="2019-03-02",
                **SURFSIDE_LIKE,
                cues=(
                    *BAL_CUES,
                    "w:harbour view towers",
                    "w:mayor ana ortiz",
                    "fig:killed:people:1",
                ),
            ),
            dict(
                date="2019-04-20",
                country="US",
                cues=("w:harbour view towers", "w:mayor ana ortiz", "fig:killed:people:2"),
            ),
            False,
        ),
    ],
)
def test_follow_ups_link_across_dates(first: dict, later: dict, linked: bool) -> None:
    """An inquiry or a revised toll weeks later is the same event when the reports share
    what identifies it; the dates never suffice alone and never veto it alone."""
    a = li("a", type="collapse", date_prec=1, published=first["date"], **first)
    b = li("b", type="collapse", date_prec=1, published=later["date"], **later)
    _, mapping = link_across([a, b])
    assert (mapping[("a", "main")] == mapping[("b", "main")]) is linked


@pytest.mark.parametrize(
    ("type_a", "type_b"),
    [("air strike", "bombing"), ("explosion", "fire"), ("shooting", "attack")],
)
def test_the_type_is_evidence_not_a_veto(type_a: str, type_b: str) -> None:
    """Outlets call one strike an air strike and a bombing: with the place, the day and a
    shared rare name it is one incident."""
    common = dict(date="2021-08-26", date_prec=1, **KABUL)
    cues = (*KABUL_CUES, "w:abbey gate hotel", "fig:killed:people:13")
    _, mapping = link_across(
        [li("a", type=type_a, **common, cues=cues), li("b", type=type_b, **common, cues=cues)]
    )
    assert mapping[("a", "main")] == mapping[("b", "main")]


def test_two_villages_of_one_district_on_one_day_stay_two_events() -> None:
    """Two rows on one day naming different villages, sharing only the campaign's words, are
    two events: neither report names the other's place."""
    common = dict(type="air strike", date="2014-06-20", date_prec=1, country="PK")
    words = ("w:operation zarb-e-azb", "w:pakistan air force", "w:north waziristan")
    a = li("a", place="Datta Kalay", **common, cues=("place:datta kalay", *words, "fig:k:m:10"))
    b = li("b", place="Mir Ali Khel", **common, cues=("place:mir ali khel", *words, "fig:k:m:11"))
    _, mapping = link_across([a, b])
    assert mapping[("a", "main")] != mapping[("b", "main")]


@pytest.mark.parametrize(("tolls", "linked"), [((20, 600), False), ((200, 290), True)])
def test_tolls_far_apart_count_against(tolls: tuple[int, int], linked: bool) -> None:
    """20 dead and 600 dead on one day in one town are unlikely to be one event."""
    common = dict(type="shooting", date="2020-02-02", date_prec=1, **KABUL)
    a, b = (
        li(d, **common, cues=(*KABUL_CUES, "w:dasht-e barchi", f"fig:killed:people:{n}"))
        for d, n in zip("ab", tolls, strict=True)
    )
    _, mapping = link_across([a, b])
    assert (mapping[("a", "main")] == mapping[("b", "main")]) is linked


@pytest.mark.parametrize(
    ("undated_cues", "linked"),
    [
        (("place:darnah", "fig:killed:people:11300", "fig:missing:people:10100"), True),
        (("place:benghazi", "fig:killed:people:11300", "fig:missing:people:10100"), False),
        (("place:darnah",), False),
    ],
)
def test_an_undated_report_links_by_its_place_and_figures(
    undated_cues: tuple[str, ...], linked: bool
) -> None:
    dated = li(
        "a",
        type="flood",
        date="2023-09-14",
        date_prec=1,
        place="Darnah",
        cues=("place:darnah", "fig:killed:people:11300", "fig:missing:people:10100"),
    )
    undated = li("b", type="flood", place=undated_cues[0].split(":")[1], cues=undated_cues)
    _, mapping = link_across([dated, undated])
    assert (mapping[("a", "main")] == mapping[("b", "main")]) is linked


@pytest.mark.parametrize(
    ("shared", "linked"),
    [
        (("w:sudan liberation army", "w:janjaweed militia"), False),
        (("w:sudan liberation army", "w:tawila market"), True),
    ],
)
def test_shared_actors_alone_do_not_make_one_event(shared: tuple[str, ...], linked: bool) -> None:
    place = dict(place="Tawila", country="SD", lat=13.5, lon=24.9, where_prec=1)
    cues = ("place:tawila", "geo:SD:55:tawila", "pop:20000")
    a = li("a", type="attack", date="2004-03-02", date_prec=1, **place, cues=(*cues, *shared))
    b = li("b", type="attack", date="2004-03-03", date_prec=1, **place, cues=(*cues, *shared))
    _, mapping = link_across([a, b])
    assert (mapping[("a", "main")] == mapping[("b", "main")]) is linked


BALTIMORE = dict(place="Baltimore", country="US", admin1="MD", where_prec=1, lat=39.29, lon=-76.61)
BALTIMORE_CUES = ("place:baltimore", "geo:US:MD:baltimore", "pop:620961")


@pytest.mark.parametrize(
    ("streets_a", "streets_b", "linked"),
    [
        (("w:pulaski highway",), ("w:ashland avenue",), False),  # two addresses: two shootings
        (("w:north milton avenue",), ("w:milton avenue",), True),  # one street, with its compass
        (("w:pulaski highway",), (), True),  # one report names no street
        (("w:st anthony",), ("w:dr kim",), True),  # a saint and a doctor, no streets
        (("w:rue de la paix",), ("w:rue lepic",), False),
    ],
)
def test_reports_naming_different_streets_are_two_events(
    streets_a: tuple[str, ...], streets_b: tuple[str, ...], linked: bool
) -> None:
    """A neighbourhood and a day in common do not make one shooting when the reports put
    it on different streets."""
    common = (*BALTIMORE_CUES, "w:east baltimore")
    a, b = (
        li(doc, type="shooting", date="2017-04-08", date_prec=1, **BALTIMORE, cues=(*common, *s))
        for doc, s in (("a", streets_a), ("b", streets_b))
    )
    _, mapping = link_across([a, b])
    assert (mapping[("a", "main")] == mapping[("b", "main")]) is linked


@pytest.mark.parametrize(
    ("cues_a", "cues_b", "linked"),
    [
        (("kind:conflict",), ("kind:conflict",), True),  # the country's war, twice
        (("kind:conflict", "kind:tally"), ("kind:conflict", "kind:tally"), False),
        (("kind:conflict", "kind:tally"), ("kind:conflict",), False),
    ],
)
def test_a_tally_of_one_report_links_to_no_other(
    cues_a: tuple[str, ...], cues_b: tuple[str, ...], linked: bool
) -> None:
    """Two reports' wider conflicts in one country are one background incident; a tally of
    one city's separate shootings is its report's own."""
    a = li("a", "bg-conflict", type="shooting", country="US", background=True, cues=cues_a)
    b = li("b", "bg-conflict", type="shooting", country="US", background=True, cues=cues_b)
    _, mapping = link_across([a, b])
    assert (mapping[("a", "bg-conflict")] == mapping[("b", "bg-conflict")]) is linked


@pytest.mark.parametrize(
    ("county", "cues", "linked"),
    [
        # the county report knows its state: the town's report names its county
        (dict(admin1="Ohio"), (), True),
        # a bare county name of unknown state: one of many namesakes
        (dict(admin1=None), (), False),
        (dict(admin1=None), ("w:tamsin holloway",), True),  # one victim named by both
    ],
)
def test_a_report_naming_the_other_place_links_when_that_place_is_sure(
    county: dict, cues: tuple[str, ...], linked: bool
) -> None:
    """A shooting in a town and one in "Marlow County" on the same day, the town's report
    naming Marlow County: one event when the county's report is sure of its state or both
    name something identifying, else two (counties of one name lie in many states)."""
    town = li(
        "a",
        type="shooting",
        date="2016-04-26",
        date_prec=1,
        place="Dunmore",
        admin1="Ohio",
        country="US",
        cues=("place:dunmore", "w:marlow county", "w:kessel drive", *cues),
    )
    other = li(
        "b",
        type="shooting",
        date="2016-04-26",
        date_prec=1,
        place="Marlow County",
        country="US",
        **county,
        cues=("place:marlow county", "w:renata vos", *cues),
    )
    _, mapping = link_across([town, other])
    assert (mapping[("a", "main")] == mapping[("b", "main")]) is linked


@pytest.mark.parametrize(
    ("cues", "linked"),
    [
        ((), False),  # the town may be only where a victim was taken
        (("w:renata vos",), True),  # one victim named by both
    ],
)
def test_a_county_report_naming_a_town_links_to_its_report_only_by_a_shared_cue(
    cues: tuple[str, ...], linked: bool
) -> None:
    """A shooting in "Marlow County", Ohio, whose report names the town of Dunmore (where
    the victim was flown), and one in Dunmore on the same day: one event only when both
    name something identifying."""
    town = li(
        "a",
        type="shooting",
        date="2016-04-26",
        date_prec=1,
        place="Dunmore",
        admin1="Ohio",
        country="US",
        cues=("place:dunmore", "w:kessel drive", *cues),
    )
    county = li(
        "b",
        type="shooting",
        date="2016-04-26",
        date_prec=1,
        place="Marlow County",
        admin1="Ohio",
        country="US",
        cues=("place:marlow county", "w:dunmore", *cues),
    )
    _, mapping = link_across([town, county])
    assert (mapping[("a", "main")] == mapping[("b", "main")]) is linked
