"""Reviewers' forms: shown only to signed-in reviewers, every change with a reason, an
incident's date, name and place edited, the merge target named by words, the log in words."""

from __future__ import annotations

import html
import re
import sqlite3

import pytest
from fastapi.testclient import TestClient

from tally.export import incident_rows
from tally.pipeline import relink
from tally.store import Ledger
from tally.store.corrections import Corrections
from tally.web import create_app
from tests.web.test_app import _client, _sign_in
from tests.web.test_download import three_db  # noqa: F401 - the module's three-city ledger


def _audit_words(page: str) -> str:
    table = re.search(r'<table class="audit".*?</table>', page, re.S)
    assert table, "the page has no audit table"
    return " ".join(re.sub(r"<[^>]+>", " ", table.group(0)).split())


def _first(db: str) -> str:
    with Ledger(db) as led:
        return next(i.id for i in led.incidents() if not i.background)


def _reviewer(db: str) -> str:
    with Ledger(db) as led:
        return Corrections(led.conn).add_reviewer("Ana Reviewer")


def test_signed_out_readers_see_no_forms_only_a_way_to_sign_in(fire_db: str) -> None:
    page = _client(fire_db).get(f"/incidents/{_first(fire_db)}").text
    assert 'action="/figures/review"' not in page and "/merge" not in page
    assert "/edit" not in page and "Review this figure" not in page
    assert 'id="sign-in-to-review"' in page and 'href="/login?back=' in page


def test_an_edited_date_with_its_reason_shows_in_the_page_and_the_log_in_words(
    fire_db: str,
) -> None:
    client = _client(fire_db)
    csrf = _sign_in(client, _reviewer(fire_db))
    iid = _first(fire_db)
    page = client.get(f"/incidents/{iid}").text
    assert 'action="/figures/review"' in page and f'action="/incidents/{iid}/edit"' in page
    with Ledger(fire_db) as led:
        before = led.incident(iid)
    form = {"csrf": csrf, "name": before.name or "", "type": before.type or ""}
    form |= {"date": "2024-03-04", "place": before.place or "", "country": before.country or ""}
    refused = client.post(f"/incidents/{iid}/edit", data=form, follow_redirects=False)
    assert refused.status_code == 400 and "give a reason" in refused.text
    form["reason"] = "the brigade dates the fire to Monday 4 March"
    r = client.post(f"/incidents/{iid}/edit", data=form, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/incidents/{iid}"
    page = client.get(f"/incidents/{iid}").text
    assert "4 March 2024" in page or "2024-03-04" in page
    words = _audit_words(page)
    assert "edited the incident" in words and "Ana Reviewer" in words
    assert f"date {before.date}" in words and "date 2024-03-04" in words
    assert "the brigade dates the fire to Monday 4 March" in words
    with Ledger(fire_db) as led:
        assert led.incident(iid).date == "2024-03-04"


def test_a_fixed_place_keeps_its_reason_through_relinks_and_the_export(fire_db: str) -> None:
    client = _client(fire_db)
    csrf = _sign_in(client, _reviewer(fire_db))
    iid = _first(fire_db)
    with Ledger(fire_db) as led:
        before = led.incident(iid)
    form = {"csrf": csrf, "name": before.name or "", "type": before.type or ""}
    form |= {"date": before.date or "", "place": "Dayton", "admin1": "Ohio", "country": "US"}
    form["reason"] = "the county coroner's statement places the warehouse in Dayton"
    r = client.post(f"/incidents/{iid}/edit", data=form, follow_redirects=False)
    assert r.status_code == 303
    with Ledger(fire_db) as led:
        relink(led)
        relink(led)
        [row] = [r for r in incident_rows(led) if r["incident"] == iid]
        [entry] = Corrections(led.conn).audit(iid)
    assert (row["place"], row["admin1"], row["country"]) == ("Dayton", "Ohio", "US")
    assert row["lat"] == pytest.approx(39.76, abs=0.1) and row["where_prec"] == 1
    assert entry["after"]["place"] == "Dayton" and entry["before"]["place"] == before.place
    assert entry["reason"] == form["reason"]
    page = client.get(f"/incidents/{iid}").text
    words = html.unescape(_audit_words(page))
    assert "place Dayton" in words and "region Ohio" in words and form["reason"] in words


@pytest.mark.parametrize(
    ("action", "extra"),
    [("reject", {}), ("correct", {"value": "44", "category": "killed", "group": "people",
                                  "qualifier": "exact"})],
)  # fmt: skip
def test_a_correction_without_a_reason_is_refused(fire_db: str, action: str, extra: dict) -> None:
    client = _client(fire_db)
    csrf = _sign_in(client, _reviewer(fire_db))
    with Ledger(fire_db) as led:
        fig = led.figures()[0]
    form = {"csrf": csrf, "key": fig.key, "action": action, "back": "/"} | extra
    r = client.post("/figures/review", data=form, follow_redirects=False)
    assert r.status_code == 400 and "give a reason" in r.text
    with Ledger(fire_db) as led:
        assert Corrections(led.conn).audit() == []


def _ids_by_country(db: str) -> dict[str, str]:
    with Ledger(db) as led:
        return {i.country: i.id for i in led.incidents() if i.country}


def test_the_merge_target_is_found_by_words_and_suggested_by_name(
    three_db: str,  # noqa: F811
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    db = str(tmp_path_factory.mktemp("merge") / "l.db")
    with sqlite3.connect(three_db) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    ids = _ids_by_country(db)
    client = TestClient(create_app(db), base_url="http://localhost")
    csrf = _sign_in(client, _reviewer(db))
    page = client.get(f"/incidents/{ids['US']}").text
    suggested = re.search(r'<datalist id="incident-suggestions">(.*?)</datalist>', page, re.S)
    assert suggested and f'value="{ids["FR"]}"' in suggested.group(1)
    several = client.post(
        f"/incidents/{ids['US']}/merge",
        data={"csrf": csrf, "target": "2", "reason": "one event"},
        follow_redirects=False,
    )
    assert several.status_code == 400 and "matches several incidents" in several.text
    none = client.post(
        f"/incidents/{ids['US']}/merge",
        data={"csrf": csrf, "target": "atlantis", "reason": "one event"},
        follow_redirects=False,
    )
    assert none.status_code == 400 and "no incident matches" in none.text
    r = client.post(
        f"/incidents/{ids['US']}/merge",
        data={"csrf": csrf, "target": "Lyon", "reason": "the wires confused the two"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == f"/incidents/{ids['FR']}"
    words = _audit_words(client.get(f"/incidents/{ids['FR']}").text)
    assert "merged" in words and "the wires confused the two" in words
