"""The web app in-process (FastAPI's TestClient) over a real SQLite ledger."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tally.export import figure_rows
from tally.store import Ledger
from tally.store.corrections import Corrections
from tally.web import create_app
from tests.web.ledgerdata import HOSTILE, build


def _client(db: str) -> TestClient:
    return TestClient(create_app(db), base_url="http://localhost")


def _csrf(client: TestClient, path: str = "/login") -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', client.get(path).text)
    assert found, "the page carries no CSRF token"
    return found.group(1)


def _sign_in(client: TestClient, token: str) -> str:
    csrf = _csrf(client, "/login")
    r = client.post(
        "/login", data={"csrf": csrf, "token": token, "back": "/"}, follow_redirects=False
    )
    assert r.status_code == 303
    return csrf


def _incident_of(db: str, quote: str) -> str:
    with Ledger(db) as led:
        return next(f.incident for f in led.figures() if f.quote == quote)


def _key_of(db: str, quote: str) -> str:
    with Ledger(db) as led:
        return next(f.key for f in led.figures() if f.quote == quote)


def _one_incident(db: str, token: str, client: TestClient) -> str:
    """Merge the fire reports into one incident where the linker left them apart."""
    target = _incident_of(db, "killed 41 people")
    csrf = _sign_in(client, token)
    for quote in ("16 women", "killed 43 people"):
        other = _incident_of(db, quote)
        if other != target:
            r = client.post(
                f"/incidents/{other}/merge",
                data={"csrf": csrf, "target": target, "reason": "one event"},
                follow_redirects=False,
            )
            assert r.status_code == 303
    return target


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("/", 200),
        ("/?q=elvar&sort=killed&order=asc", 200),
        ("/?country=ZZ", 200),
        ("/?date_from=2030-01-01", 200),
        ("/login", 200),
        ("/incidents/no-such-incident", 404),
        ("/documents/no-such-document", 404),
        ("/static/vendor/chartjs/chart.umd.min.js", 200),
    ],
)
def test_pages_answer(fire_db: str, query: str, expected: int) -> None:
    r = _client(fire_db).get(query)
    assert r.status_code == expected
    assert "Content-Security-Policy" in r.headers
    if expected == 404:
        assert "error [T300]" in r.text and "Traceback" not in r.text


def test_list_filters_and_sorts(fire_db: str) -> None:
    client = _client(fire_db)
    with Ledger(fire_db) as led:
        n = len(led.incidents())
    noun = "incident" if n == 1 else "incidents"
    assert f"{n} of {n} {noun}" in client.get("/").text
    assert f"0 of {n} {noun}" in client.get("/?q=nowhere-at-all").text
    assert f"0 of {n} {noun}" in client.get("/?date_to=1900-01-01").text
    text = client.get("/?sort=killed&order=desc").text
    killed = [int(k) for k in re.findall(r'<td class="num">(\d+)</td>\s*<td class="num">', text)]
    assert killed == sorted(killed, reverse=True)


def test_incident_page_shows_the_conflict_the_chart_and_each_quote_in_its_sentence(
    fire_db: str, token: str
) -> None:
    client = _client(fire_db)
    target = _one_incident(fire_db, token, client)
    text = client.get(f"/incidents/{target}").text
    row = re.search(
        r'<tr class="conflicting" data-category="killed" data-group="women">.*?</tr>', text, re.S
    )
    assert row and "12" in row.group(0) and "16" in row.group(0)
    assert "Among the dead were <mark>12 women</mark>." in text
    data = re.search(
        r'<script type="application/json" class="page-data">(.*?)</script>', text, re.S
    )
    assert data and '"series"' in data.group(1) and "Coast Radio" in data.group(1)
    assert text.count('class="chartcanvas"') >= 2


def test_hostile_text_is_inert_on_every_page(fire_db: str, token: str) -> None:
    client = _client(fire_db)
    target = _one_incident(fire_db, token, client)
    with Ledger(fire_db) as led:
        doc_id = next(d.id for d in led.documents() if HOSTILE in d.text)
    for path in ("/", f"/incidents/{target}", f"/documents/{doc_id}"):
        text = client.get(path).text
        assert "<script>__pwned" not in text and "<img src=x" not in text
    doc_page = client.get(f"/documents/{doc_id}").text
    assert "&lt;script&gt;__pwned = 1&lt;/script&gt;" in doc_page
    assert "onerror=&#34;__pwned = 2&#34;" in doc_page


def test_changes_need_a_token_and_a_csrf_token(fire_db: str, token: str) -> None:
    client = _client(fire_db)
    key = _key_of(fire_db, "12 women")
    form = {
        "key": key,
        "action": "correct",
        "reason": "the brigade's later count",
        "value": "14",
        "category": "killed",
        "group": "women",
        "qualifier": "exact",
        "back": "/",
    }
    r = client.post("/figures/review", data={**form, "csrf": _csrf(client)})
    assert r.status_code == 403 and "sign in with a reviewer token" in r.text
    _sign_in(client, token)
    r = client.post("/figures/review", data={**form, "csrf": "forged"})
    assert r.status_code == 403 and "form has expired" in r.text
    bad = _client(fire_db)
    csrf = _csrf(bad, "/login")
    r = bad.post("/login", data={"csrf": csrf, "token": "not-a-token", "back": "/"})
    assert r.status_code == 403
    with Ledger(fire_db) as led:
        assert Corrections(led.conn).audit() == []


def test_a_correction_is_reconciled_logged_exported_and_kept_after_relinking(
    fire_db: str, token: str, tmp_path: Path
) -> None:
    client = _client(fire_db)
    target = _one_incident(fire_db, token, client)
    csrf = _csrf(client)
    key = _key_of(fire_db, "12 women")
    r = client.post(
        "/figures/review",
        data={
            "csrf": csrf,
            "key": key,
            "incident": target,
            "action": "correct",
            "reason": "the brigade's later count",
            "value": "16",
            "category": "killed",
            "group": "women",
            "qualifier": "about",
            "attribution": "the fire brigade",
            "back": f"/incidents/{target}",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == f"/incidents/{target}"
    text = client.get(f"/incidents/{target}").text
    row = re.search(r'<tr[^>]*data-category="killed" data-group="women">.*?</tr>', text, re.S)
    assert row and "conflicting" not in row.group(0)
    assert "corrected by Ana Reviewer" in text
    audit = re.search(r'<table class="audit".*?</table>', text, re.S)
    assert audit and "corrected the figure" in audit.group(0)
    words = " ".join(re.sub(r"<[^>]+>", " ", audit.group(0)).split())
    assert "value 12" in words and "value 16" in words and "qualifier about" in words
    assert "the brigade&#39;s later count" in words and key not in words
    with Ledger(fire_db) as led:
        rows = [f for f in figure_rows(led) if f["key"] == key]
        assert [(f["value"], f["qualifier"], f["attribution"]) for f in rows] == [
            (16, "about", "the fire brigade")
        ]
    # A later ingest relinks the ledger: the correction, keyed by text hash and span, holds.
    r = client.post(
        "/figures/review",
        data={
            "csrf": csrf,
            "key": _key_of(fire_db, "killed 43 people"),
            "action": "reject",
            "reason": "another fire's toll",
            "incident": target,
            "back": "/",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    from tally.pipeline import relink

    with Ledger(fire_db) as led:
        relink(led)
        exported = {f["key"]: f for f in figure_rows(led)}
    assert exported[key]["value"] == 16
    assert _key_of(fire_db, "killed 43 people") not in exported
    assert "rejected by Ana Reviewer" in client.get(f"/incidents/{target}").text


def test_split_moves_the_chosen_figures_to_a_new_incident(fire_db: str, token: str) -> None:
    client = _client(fire_db)
    target = _one_incident(fire_db, token, client)
    csrf = _csrf(client)
    key = _key_of(fire_db, "killed 43 people")
    r = client.post(
        f"/incidents/{target}/split",
        data={"csrf": csrf, "keys": [key], "reason": "a later fire"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    part = r.headers["location"].rsplit("/", 1)[-1]
    assert part != target
    assert _incident_of(fire_db, "killed 43 people") == part
    assert _incident_of(fire_db, "killed 41 people") == target
    assert "killed 43 people" in client.get(f"/incidents/{part}").text


@pytest.mark.parametrize(
    ("back", "expected"),
    [("/incidents/x", "/incidents/x"), ("https://evil.example/", "/"), ("//evil.example", "/")],
)
def test_login_only_returns_to_this_site(
    fire_db: str, token: str, back: str, expected: str
) -> None:
    client = _client(fire_db)
    csrf = _csrf(client, "/login")
    r = client.post(
        "/login", data={"csrf": csrf, "token": token, "back": back}, follow_redirects=False
    )
    assert r.headers["location"] == expected


@pytest.mark.slow
def test_pages_keep_answering_while_a_real_ingest_writes(fire_db: str, tmp_path: Path) -> None:
    import subprocess
    import sys

    folder = tmp_path / "incoming"
    folder.mkdir()
    places = ["Norbury", "Kelham", "Ashdown", "Brack", "Vell", "Orrin", "Tamsby", "Quill"]
    for i in range(240):
        place = places[i % len(places)]
        (folder / f"a{i:03d}.txt").write_text(
            f"A bus crash near {place} on Tuesday killed {i % 17 + 2} people, police said. "
            f"Another {i % 9 + 1} passengers were injured, according to the hospital. "
            f"Report number {i} of the day.\n",
            encoding="utf-8",
        )
    client = _client(fire_db)
    with Ledger(fire_db) as led:
        before = led.count("documents")
        incident_id = led.incidents()[0].id
        doc_id = led.document_ids()[0]
    proc = subprocess.Popen(
        [sys.executable, "-m", "tally", "ingest", "-q", "--db", fire_db, str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    mid_ingest = 0
    with Ledger(fire_db) as led:
        while proc.poll() is None:
            for path in ("/", f"/incidents/{incident_id}", f"/documents/{doc_id}"):
                assert client.get(path).status_code in (200, 404 if "incidents" in path else 200)
            if before < led.count("documents") < before + 240:
                mid_ingest += 1
    _out, err = proc.communicate()
    assert proc.returncode == 0, err.decode()
    assert mid_ingest > 0, "the ingest finished before any page was read during its writes"
    with Ledger(fire_db) as led:
        assert led.count("documents") == before + 240
    assert client.get("/").status_code == 200


def test_a_split_off_part_merges_back_and_both_changes_are_logged(fire_db: str, token: str) -> None:
    client = _client(fire_db)
    target = _one_incident(fire_db, token, client)
    csrf = _csrf(client)
    keys = [_key_of(fire_db, "16 women"), _key_of(fire_db, "killed 43 people")]
    r = client.post(
        f"/incidents/{target}/split",
        data={"csrf": csrf, "keys": keys, "reason": "a later fire"},
        follow_redirects=False,
    )
    part = r.headers["location"].rsplit("/", 1)[-1]
    assert {_incident_of(fire_db, "16 women"), _incident_of(fire_db, "killed 43 people")} == {part}
    r = client.post(
        f"/incidents/{part}/merge",
        data={"csrf": csrf, "target": target, "reason": "one event"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == f"/incidents/{target}"
    assert _incident_of(fire_db, "16 women") == target
    assert client.get(f"/incidents/{part}").status_code == 404
    text = client.get(f"/incidents/{target}").text
    audit = re.search(r'<table class="audit" id="audit">.*?</table>', text, re.S).group(0)
    assert "split" in audit and "merge" in audit and "Ana Reviewer" in audit
    r = client.post(
        f"/incidents/{target}/merge",
        data={"csrf": csrf, "target": target, "reason": "one event"},
        follow_redirects=False,
    )
    assert r.status_code == 400 and "error [T500]" in r.text


def test_review_works_on_each_back_end(db_target: str) -> None:
    build(db_target)
    with Ledger(db_target) as led:
        token = Corrections(led.conn).add_reviewer("Ana Reviewer")
    client = _client(db_target)
    csrf = _sign_in(client, token)
    key = _key_of(db_target, "12 women")
    incident_id = _incident_of(db_target, "12 women")
    r = client.post(
        "/figures/review",
        data={"csrf": csrf, "key": key, "action": "confirm", "incident": incident_id, "back": "/"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    text = client.get(f"/incidents/{incident_id}").text
    assert "confirmed by Ana Reviewer" in text


def test_a_heavily_reported_incident_shows_its_first_statements_then_all_on_request(
    tmp_path: Path,
) -> None:
    from tally.models import Document, Figure, Incident, LocalIncident, text_hash
    from tally.reconcile import reconcile
    from tally.totals import totals
    from tally.web.views import STATEMENTS_SHOWN

    n = STATEMENTS_SHOWN + 7
    db = str(tmp_path / "l.db")
    with Ledger(db) as led:
        for i in range(n):
            text = f"Report {i}. The Harbour Street fire killed {20 + i} people, officials said."
            doc = Document(text_hash(text), text, "text", f"r{i:03d}.txt",
                           published=f"2024-03-{1 + i % 28:02d}")  # fmt: skip
            start = text.index(f"{20 + i} people")
            fig = Figure(doc.id, "killed", "people", 20 + i, None, "exact", "officials",
                         f"{20 + i} people", start, start + len(f"{20 + i} people"),
                         incident="main")  # fmt: skip
            with led.conn.transaction():
                led.add_document(doc, [fig], [LocalIncident(doc.id, "main")])
        fire = Incident("harbour-street-fire-2024", name="Harbour Street fire", date="2024-03")
        with led.conn.snapshot():
            led.stage_links([(d.id, "main", fire.id) for d in led.documents()], {})
            led.stage_incidents(
                (fire, recs, totals(recs))
                for _, stmts in led.staged_statements()
                for recs in [reconcile(stmts)]
            )
        led.publish_staged()
    client = _client(db)
    page = client.get(f"/incidents/{fire.id}").text
    assert page.count('class="statement"') == STATEMENTS_SHOWN
    assert f"Show all {n} statements" in page and "(7 more" in page
    full = client.get(f"/incidents/{fire.id}?all=1").text
    assert full.count('class="statement"') == n and "Show all" not in full
