"""An outlet's home state (`link.home`): the reports sure of their state vote, an unsure
report is placed in its outlet's home, and the ledger ends the same whatever the order and
the batches its reports arrive in (real SQLite files)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tally import incremental, pipeline
from tally.export import incident_rows
from tally.link.across import link_whole
from tally.link.home import at_home, home_outlet, home_state, homes, placed, signed_state
from tally.link.text import lead, sentences
from tally.link.within import link_within
from tally.models import Document, LocalIncident, Source
from tally.pipeline import ingest, relink
from tally.store import Ledger


@pytest.mark.parametrize(
    ("votes", "home"),
    [
        ({"Ohio": 3}, "Ohio"),
        ({"Ohio": 3, "Kentucky": 1}, "Ohio"),
        ({"Ohio": 1}, None),  # one report is no home
        ({"Ohio": 2, "Texas": 2}, None),  # a national outlet
        ({"Ohio": 5, "Texas": 2, "Iowa": 2}, None),  # under the share
        ({}, None),
    ],
)
def test_an_outlet_has_a_home_when_most_of_its_sure_reports_are_there(
    votes: dict[str, int], home: str | None
) -> None:
    assert home_state(Counter(votes)) == home


@pytest.mark.parametrize(
    ("votes", "home"),
    [
        (["Ohio|Dayton"] * 3 + ["Ohio|Kettering", "Ohio"], "Ohio|Dayton"),
        (["Ohio|Dayton"] * 2 + ["Ohio"] * 3, "Ohio"),  # two reports of a town are no home town
        # a report sure of its state alone is no vote for a town
        (["Ohio|Dayton"] * 3 + ["Ohio|Xenia"] * 2 + ["Ohio"] * 4, "Ohio|Dayton"),
        (["Ohio|Dayton"] * 3 + [f"Ohio|Town {i}" for i in range(6)], "Ohio"),  # under the share
        (["Texas|Dallas"] * 3 + ["Ohio"] * 6, "Ohio"),  # a town of another state than the home
        (["Ohio|Dayton"], None),
    ],
)
def test_an_outlets_home_town_is_where_many_of_its_sure_reports_are(
    votes: list[str], home: str | None
) -> None:
    assert homes(("valleynews.example", v) for v in votes).get("valleynews.example") == home


def _cues(text: str, url: str) -> tuple[str, ...]:
    doc = Document(id="d", text=text, kind="text", name="a.txt", url=url, published="2016-05-02")
    lead(doc, sentences(doc))
    _, local = link_within(doc, [])
    return tuple(c for c in local[0].cues if c.split(":")[0] in {"outlet", "home", "where", "town"})


@pytest.mark.parametrize(
    ("publisher", "url", "name"),
    [
        ("The Associated Press", "https://www.valleynews.example/a.html", "valleynews.example"),
        (
            "Cox Media Group",
            "http://web.archive.org/web/2016/http://www.wkxx.example/b",
            "wkxx.example",
        ),
        ("Valley News 7", None, "Valley News 7"),  # no address: the page's publisher
        (None, None, None),
    ],
)
def test_the_outlet_is_the_host_before_a_wire_or_group_publisher(
    publisher: str | None, url: str | None, name: str | None
) -> None:
    doc = Document(id="d", text="x", kind="text", name="a", url=url, publisher=publisher)
    assert home_outlet(doc) == name


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        (  # the dateline names the state: a vote for the outlet's home
            "Man shot outside bar\n\nDAYTON, Ohio — A man was shot outside a bar on Third "
            "Street early Sunday, police said.",
            ("outlet:valleynews.example", "home:Ohio|Dayton"),
        ),
        (  # the lead names the state beside the town
            "Two hurt in shooting\n\nTwo men were hurt in a shooting in Lebanon, Ohio, on "
            "Saturday night, deputies said.",
            ("outlet:valleynews.example", "home:Ohio|Lebanon"),
        ),
        (  # a town of many states, none named: unsure, with the towns it may be
            "Woman shot in Springfield\n\nA woman was shot in the leg in Springfield on "
            "Friday, police said. Springfield police have made no arrest.",
            ("outlet:valleynews.example", "where:unsure", "town:Springfield"),
        ),
        (  # a town no other state has a namesake of: sure without naming its state
            "Teen hurt in Wetumpka shooting\n\nA teenager was hurt in a shooting in Wetumpka "
            "late Friday, police said.",
            ("outlet:valleynews.example", "home:Alabama|Wetumpka"),
        ),
        (  # ... but not of a page its outlet signs with another state: a neighbourhood of
            # the outlet's city may share the name of a town the gazetteer knows elsewhere
            "Teen hurt in Wetumpka shooting - Channel 9 News - Macon, Georgia\n\nA teenager "
            "was hurt in a shooting in Wetumpka late Friday, police said.",
            ("outlet:valleynews.example", "home:Georgia", "where:unsure", "town:Wetumpka"),
        ),
        (  # ... whatever village abroad shares its name
            "Ravenel pair dies after gunfire\n\nDeputies said two sisters died on Tuesday "
            "after someone fired into their house in Ravenel.",
            ("outlet:valleynews.example", "home:South Carolina|Ravenel"),
        ),
        (  # the title's outlet names its own town: not one the report may be in
            "Woman shot in Springfield - Valley News 7 - Dayton\n\nA woman was shot in the "
            "leg in Springfield on Friday, police said.",
            ("outlet:valleynews.example", "where:unsure", "town:Springfield"),
        ),
        (  # the outlet signs its page with its state: its vote, and a town of the name
            # there makes the report unsure of the state its other sentences name
            "Teen dead after shooting at Lexington home - Channel 10 News - Columbia, South "
            "Carolina\n\nA Missouri father got an angry note from a teacher over a lunch he "
            "packed. An eighth grader died after a shooting at a Lexington home on Wednesday, "
            "deputies said.",
            ("outlet:valleynews.example", "home:South Carolina", "where:unsure", "town:Lexington"),
        ),
        (  # ... but not of a state written beside the town
            "Woman shot in Springfield - Valley News 7 - Dayton, Ohio\n\nA woman was shot in "
            "the leg in Springfield, Missouri, on Friday, police said.",
            ("outlet:valleynews.example", "home:Ohio"),
        ),
        (  # a big city abroad is meant by its name: no vote, no move
            "Gunman kills two in Paris\n\nA gunman killed two people in Paris on Monday, "
            "French police said.",
            ("outlet:valleynews.example",),
        ),
    ],
)
def test_a_report_votes_for_its_outlets_home_only_when_sure_of_its_state(
    text: str, cues: tuple[str, ...]
) -> None:
    assert _cues(text, "https://www.valleynews.example/local/story-1.html") == cues


SPRINGFIELD_MO = LocalIncident(
    doc_id="d",
    key="main",
    place="Springfield",
    admin1="Missouri",
    country="US",
    lat=37.2,
    lon=-93.3,
    where_prec=1,
)


@pytest.mark.parametrize(
    ("li", "towns", "home", "where"),
    [
        (SPRINGFIELD_MO, ("Springfield",), "Ohio", ("Springfield", "Ohio", "US")),
        (SPRINGFIELD_MO, ("Springfield",), "Missouri", ("Springfield", "Missouri", "US")),
        # no town of the report's names lies in the home: it stays where the text put it
        (SPRINGFIELD_MO, ("Springfield",), "Alaska", ("Springfield", "Missouri", "US")),
        # the report names a town of its home below the lead
        (
            LocalIncident(doc_id="d", key="main", country="US"),
            ("Cascade Mall", "Burlington"),
            "Vermont",
            ("Burlington", "Vermont", "US"),
        ),
        # a small town abroad of the name the report gave: the home state alone
        (
            LocalIncident(
                doc_id="d",
                key="main",
                place="Boca",
                country="IT",
                lat=45.7,
                lon=9.6,
                where_prec=1,
            ),
            ("Boca",),
            "Florida",
            (None, "Florida", "US"),
        ),
        # no town at all: the state alone
        (LocalIncident(doc_id="d", key="main"), (), "Kentucky", (None, "Kentucky", "US")),
        # ... at the outlet's home town when it has one
        (
            LocalIncident(doc_id="d", key="main"),
            (),
            "Kentucky|Lexington",
            ("Lexington", "Kentucky", "US"),
        ),
        (
            LocalIncident(doc_id="d", key="main", admin1="Kentucky", country="US"),
            ("Cascade Mall",),
            "Kentucky|Lexington",
            ("Lexington", "Kentucky", "US"),
        ),
        # a town of the report's names comes before the home town
        (
            LocalIncident(doc_id="d", key="main", country="US"),
            ("Burlington",),
            "Vermont|Montpelier",
            ("Burlington", "Vermont", "US"),
        ),
        # a town the report gives stays, whatever the home town
        (
            SPRINGFIELD_MO,
            ("Springfield",),
            "Missouri|Kansas City",
            ("Springfield", "Missouri", "US"),
        ),
    ],
)
def test_an_unsure_report_is_placed_in_its_outlets_home(
    li: LocalIncident, towns: tuple[str, ...], home: str, where: tuple
) -> None:
    state, _, town = home.partition("|")
    placed = at_home(li, towns, state, town)
    assert (placed.place, placed.admin1, placed.country) == where
    assert (placed.lat is None) == (where[0] is None)


@pytest.mark.parametrize(
    ("title", "state"),
    [
        ("Man shot at park - WXYZ TV9-WXYZ.com: News, weather Wilmington, NC", "North Carolina"),
        ("Man shot at park - Channel 4 News - Dayton, Ohio", "Ohio"),
        ("Man shot at park - Channel 4 News", None),
        # a code not after a town names no state
        ("Man shot at park - Channel 4 News - IN", None),
    ],
)
def test_the_state_a_titles_outlet_signs_with(title: str, state: str | None) -> None:
    assert signed_state(title + "\nA man was shot at a park, police said.") == state


@pytest.mark.parametrize(
    ("li", "towns", "known", "vote", "where"),
    [
        # an outlet with no home: a report in no state goes where its page signs
        (
            LocalIncident(doc_id="d", key="main", country="US"),
            ("Wilmington", "Hampstead"),
            {},
            "North Carolina",
            ("Wilmington", "North Carolina", "US"),
        ),
        # ... one in a state keeps it
        (SPRINGFIELD_MO, ("Springfield",), {}, "Ohio", ("Springfield", "Missouri", "US")),
        # ... as does one sure of its place
        (LocalIncident(doc_id="d", key="main"), None, {}, "Ohio", (None, None, None)),
        # the outlet's home comes before the report's own vote
        (
            LocalIncident(doc_id="d", key="main"),
            (),
            {"wxyz.example": "Kentucky"},
            "Ohio",
            (None, "Kentucky", "US"),
        ),
    ],
)
def test_an_unsure_report_of_an_outlet_with_no_home_follows_its_own_vote(
    li: LocalIncident,
    towns: tuple[str, ...] | None,
    known: dict[str, str],
    vote: str,
    where: tuple,
) -> None:
    got = placed(li, "wxyz.example", towns, known, vote)
    assert (got.place, got.admin1, got.country) == where


REPORTS = [
    "Man shot on porch\n\nCOLUMBUS, Ohio — A man was shot on his porch on Elm Street on "
    "Monday night, police said. He was taken to a hospital in critical condition.",
    "Teen killed in crash after chase\n\nTOLEDO, Ohio — A 17-year-old was killed on Tuesday "
    "when the car he was driving hit a pole after a chase, police said.",
    "Woman wounded in Springfield\n\nA 34-year-old woman was shot and wounded in Springfield "
    "on Wednesday evening, Springfield police said. Three people were questioned.",
    "Store clerk hurt in robbery\n\nAKRON, Ohio — A store clerk was shot and hurt during a "
    "robbery on Thursday, police said.",
]


def _sources(folder: Path, order: list[int]) -> list[Source]:
    folder.mkdir(exist_ok=True)
    out = []
    for i in order:
        path = folder / f"{i}.txt"
        path.write_text(REPORTS[i], encoding="utf-8")
        url = f"https://www.buckeyenews.example/news/story-{i}.html"
        out.append(Source(name=str(path), path=str(path), url=url, published="2016-05-0{i + 1}"))
    return out


def _springfield(led: Ledger) -> tuple:
    rows = [r for r in incident_rows(led) if r.get("place") == "Springfield"]
    return tuple((r["place"], r["admin1"], r["country"]) for r in rows)


@pytest.mark.parametrize(
    "batches",
    [
        [[0, 1, 2, 3]],
        [[2], [0], [1], [3]],  # the unsure report first: the home arrives after it
        [[3, 2], [1, 0]],
    ],
)
def test_the_outlets_home_places_a_report_whatever_the_order_of_ingest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batches: list[list[int]]
) -> None:
    monkeypatch.setattr(incremental, "MAX_SHARE", 1.0)  # small ledgers: link incrementally
    whole: list[int] = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        whole.append(1)
        return link_whole(*args, **kwargs)

    monkeypatch.setattr(pipeline, "link_whole", counted)
    with Ledger(tmp_path / "l.db") as led:
        for batch in batches:
            ingest(_sources(tmp_path / "docs", batch), led)
            relink(led)
        assert _springfield(led) == (("Springfield", "Ohio", "US"),)
        assert len(whole) == 1  # the first batch; a home that arrives later links no more
        relink(led, full=True)
        assert _springfield(led) == (("Springfield", "Ohio", "US"),)
