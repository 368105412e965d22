"""Sources named by outlet, else by their URL's host (never by a file hash), and URLs linked."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from tally.store import Ledger
from tally.web import create_app
from tests.conftest import run_tally

STORY = (
    "Two killed in Compton shooting\n\nTwo men were shot dead outside a liquor store in "
    "Compton on Tuesday night, the sheriff's department said.\n"
)
URL = "http://web.archive.org/web/20160713033953/http://www.ktla.com:80/2016/02/09/compton/"


@pytest.fixture(scope="module")
def hosted(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One report that arrived with a URL but no publisher (as a crawl gives it)."""
    folder = tmp_path_factory.mktemp("hosted")
    (folder / "a1b2c3.txt").write_text(STORY, encoding="utf-8")
    line = {"path": "a1b2c3.txt", "url": URL, "published": "2016-02-10"}
    (folder / "m.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    db = str(folder / "l.db")
    run_tally("ingest", "-q", "--db", db, "--manifest", str(folder / "m.jsonl"))
    return db


def test_a_report_without_a_publisher_is_named_by_its_urls_host(hosted: str) -> None:
    client = TestClient(create_app(hosted), base_url="http://localhost")
    with Ledger(hosted) as led:
        inc = next(i for i in led.incidents() if not i.background)
        doc = led.figures(incident_id=inc.id)[0].doc_id
    page = client.get(f"/incidents/{inc.id}").text
    heads = re.findall(r'<div class="stmt-head">(.*?)</div>', page, re.S)
    assert heads and all("<span>ktla.com</span>" in h for h in heads)
    data = re.search(r'<script type="application/json" class="page-data">(.*?)</script>', page)
    assert data and "ktla.com" in data.group(1) and "a1b2c3" not in data.group(1)
    docpage = client.get(f"/documents/{doc}").text
    assert "<dd>ktla.com <span" in docpage and "(the URL's host)" in docpage
    assert f'<a href="{URL}" rel="noopener noreferrer" id="doc-url">' in docpage
