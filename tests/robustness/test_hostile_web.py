"""Hostile requests to the web app (issue 19): bounds, reviewer values, sessions, Host, paths.

The app runs in-process (FastAPI's TestClient) over a real SQLite ledger; each
refusal is a 4xx with its one-line message, never a 500, and nothing is written.
"""

from __future__ import annotations

import html
import re
import threading
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient

from tally.ingest import discover
from tally.models import Figure
from tally.pipeline import ingest, relink
from tally.store import Ledger
from tally.store.corrections import Corrections
from tally.web import create_app
from tests.conftest import run_tally
from tests.web import conftest as web

fire_db = web.fire_db
token = web.token
LOCAL = "http://localhost"


def _client(db: str, **kw: object) -> TestClient:
    return TestClient(create_app(db, **kw), base_url=LOCAL)  # type: ignore[arg-type]


def _csrf(client: TestClient, path: str = "/login") -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', client.get(path).text)
    assert found, "the page carries no CSRF token"
    return found.group(1)


def _sign_in(client: TestClient, token: str) -> str:
    csrf = _csrf(client)
    r = client.post("/login", data={"csrf": csrf, "token": token, "back": "/"},
                    follow_redirects=False)  # fmt: skip
    assert r.status_code == 303
    return csrf


def _figure(db: str, quote: str) -> Figure:
    with Ledger(db) as led:
        return next(f for f in led.figures() if f.quote == quote)


def _written(db: str) -> tuple[int, int]:
    with Ledger(db) as led:
        audit = len(Corrections(led.conn).audit())
        fixes = len(Corrections(led.conn).snapshot().figures)
    return audit, fixes


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("/?page=99999999999999999999", "page must be a whole number from 1 to 1,000,000"),
        ("/?page=-3", "page must be a whole number from 1 to 1,000,000"),
        ("/?page=1e9", "page must be a whole number from 1 to 1,000,000"),
        ("/?q=" + "fire " * 400, "the parameter 'q' is over 500 characters"),
        ("/?q=" + "a " * 30, "a search may have at most 20 words"),
        ("/?country=" + "Z" * 5000, "the parameter 'country' is over 500 characters"),
    ],
)
def test_paging_and_search_parameters_are_bounded(fire_db: str, query: str, message: str) -> None:
    r = _client(fire_db).get(query)
    assert r.status_code == 400
    assert r.text == message + "\n"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (str(2**63), "value must be at most 10,000,000,000 (more people than live)"),
        ("99999999999", "value must be at most 10,000,000,000 (more people than live)"),
        ("9" * 5000, "value must be at most 10,000,000,000 (more people than live)"),
        ("-4", "value must be a whole number, not '-4'"),
        ("4.5", "value must be a whole number, not '4.5'"),
    ],
)
def test_a_reviewer_value_out_of_range_is_400_and_nothing_is_written(
    fire_db: str, token: str, value: str, message: str
) -> None:
    client = _client(fire_db)
    csrf = _sign_in(client, token)
    fig = _figure(fire_db, "12 women")
    form = {"csrf": csrf, "key": fig.key, "action": "correct", "reason": "typo", "value": value,
            "category": "killed", "group": "women", "qualifier": "exact", "back": "/"}  # fmt: skip
    r = client.post("/figures/review", data=form)
    assert r.status_code == 400
    assert f"error [T500] {message}" in html.unescape(r.text)
    assert _written(fire_db) == (0, 0)
    # the ledger still relinks and takes the next reviewer's change
    r = client.post("/figures/review", data={**form, "value": "14"}, follow_redirects=False)
    assert r.status_code == 303


def test_the_audit_entry_takes_its_incident_from_the_figure(fire_db: str, token: str) -> None:
    client = _client(fire_db)
    csrf = _sign_in(client, token)
    fig = _figure(fire_db, "12 women")
    r = client.post(
        "/figures/review",
        data={"csrf": csrf, "key": fig.key, "action": "confirm", "incident": "made-up-incident",
              "back": "/"},
        follow_redirects=False,
    )  # fmt: skip
    assert r.status_code == 303
    with Ledger(fire_db) as led:
        (entry,) = Corrections(led.conn).audit()
    assert entry["incident"] == fig.incident != "made-up-incident"


def test_logout_ends_the_session_on_the_server(fire_db: str, token: str) -> None:
    client = _client(fire_db)
    csrf = _sign_in(client, token)
    stolen = client.cookies.get("tally_token")
    assert stolen and stolen != token, "the browser holds a session, not the reviewer's token"
    r = client.post("/logout", data={"csrf": csrf, "back": "/"}, follow_redirects=False)
    assert r.status_code == 303
    replay = _client(fire_db)
    replay.cookies.set("tally_token", stolen)
    csrf = _csrf(replay)
    fig = _figure(fire_db, "12 women")
    r = replay.post("/figures/review", data={"csrf": csrf, "key": fig.key, "action": "confirm"})
    assert r.status_code == 403
    assert "sign in with a reviewer token to change the ledger" in r.text
    assert _written(fire_db) == (0, 0)


def test_a_revoked_reviewer_can_change_nothing(fire_db: str, token: str) -> None:
    client = _client(fire_db)
    csrf = _sign_in(client, token)
    proc = run_tally("reviewer", "revoke", "Ana Reviewer", "--db", fire_db)
    assert proc.stdout == "reviewer Ana Reviewer revoked\n"
    fig = _figure(fire_db, "12 women")
    r = client.post("/figures/review", data={"csrf": csrf, "key": fig.key, "action": "confirm"})
    assert r.status_code == 403
    again = _client(fire_db)
    r = again.post("/login", data={"csrf": _csrf(again), "token": token, "back": "/"})
    assert r.status_code == 403
    assert _written(fire_db) == (0, 0)
    unknown = run_tally("reviewer", "revoke", "Nobody", "--db", fire_db, check=False)
    assert unknown.returncode == 1
    assert unknown.stderr == "error [T500] no reviewer 'Nobody' (tally reviewer list)\n"
    assert run_tally("reviewer", "list", "--db", fire_db).stdout == ""


@pytest.mark.parametrize(
    ("host", "hosts", "status"),
    [
        ("localhost", (), 200),
        ("127.0.0.1:8000", (), 200),
        ("[::1]:8000", (), 200),
        ("evil.example", (), 421),
        ("evil.example:8000", (), 421),
        ("ledger.lan:8000", ("ledger.lan",), 200),
        ("LEDGER.LAN", ("ledger.lan",), 200),
    ],
)
def test_requests_must_name_this_server(
    fire_db: str, host: str, hosts: tuple[str, ...], status: int
) -> None:
    r = _client(fire_db, hosts=hosts).get("/", headers={"host": host})
    assert r.status_code == status
    if status == 421:
        name = host.split(":")[0]
        assert r.text == (
            f"this server does not answer to the host name {name}; start it with --host\n"
        )


def test_pages_with_reviewer_state_are_not_stored_by_caches(fire_db: str, token: str) -> None:
    client = _client(fire_db)
    _sign_in(client, token)
    fig = _figure(fire_db, "12 women")
    for path in ("/", f"/incidents/{fig.incident}", f"/documents/{fig.doc_id}", "/login"):
        assert client.get(path).headers["cache-control"] == "no-store", path


def test_server_paths_are_shown_only_to_reviewers(fire_db: str, token: str, tmp_path: Path) -> None:
    folder = tmp_path / "srv" / "newsroom" / "private"
    folder.mkdir(parents=True)
    path = folder / "flood-2024.txt"
    path.write_text(
        "Flood in the valley\n\nAt least 7 people were killed when the river burst its banks "
        "near Dunmore on Tuesday, the regional governor said.\n"
    )
    with Ledger(fire_db) as led:
        ingest(discover([str(path)]), led)
        relink(led)
        (doc,) = [d for d in led.documents_by_id(
            {f.doc_id for f in led.figures()}).values() if d.name == str(path)]  # fmt: skip
        incident = next(f.incident for f in led.figures(doc_id=doc.id))
    client = _client(fire_db)
    for page in (f"/documents/{doc.id}", f"/incidents/{incident}"):
        text = client.get(page).text
        assert str(folder) not in text, page
        assert "flood-2024.txt" in text, page
    _sign_in(client, token)
    assert str(path) in client.get(f"/documents/{doc.id}").text


def test_a_correction_relinks_off_the_event_loop(
    fire_db: str, token: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While one reviewer's change relinks, every other request is answered."""
    import tally.pipeline
    import tally.web.review

    real = relink
    entered, release = threading.Event(), threading.Event()

    def slow_relink(led: Ledger, **kw: object) -> int:
        entered.set()
        release.wait(60)
        return real(led, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(tally.pipeline, "relink", slow_relink)
    monkeypatch.setattr(tally.web.review, "relink", slow_relink, raising=False)
    fig = _figure(fire_db, "12 women")
    port = web.free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(fire_db), host="127.0.0.1", port=port, log_level="warning")
    )
    threading.Thread(target=server.run, daemon=True).start()
    base = f"http://127.0.0.1:{port}"
    statuses: dict[str, int | str] = {}
    try:
        with httpx.Client(base_url=base, timeout=120) as client:
            for _ in range(600):
                if server.started:
                    break
                threading.Event().wait(0.1)
            csrf = _sign_in(client, token)  # type: ignore[arg-type]

            def write() -> None:
                r = client.post("/figures/review", data={"csrf": csrf, "key": fig.key,
                                "action": "confirm", "back": "/"})  # fmt: skip
                statuses["write"] = r.status_code

            def read() -> None:
                try:
                    r = httpx.get(f"{base}/incidents/{fig.incident}", timeout=30)
                    statuses["read"] = r.status_code
                except httpx.TimeoutException:
                    statuses["read"] = "timed out"

            writer = threading.Thread(target=write)
            writer.start()
            try:
                assert entered.wait(60), "the change never reached its relink"
                read()
                answered_during_write = "write" not in statuses
            finally:
                release.set()
                writer.join(120)
    finally:
        server.should_exit = True
    assert statuses.get("read") == 200, f"a read waited for a reviewer's relink: {statuses}"
    assert answered_during_write
    assert statuses["write"] == 303
