"""`tally serve --get`, `tally report` and `tally reviewer add`, run as real subprocesses."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

from tally.export import figure_rows
from tally.store import Ledger
from tally.store.corrections import Corrections
from tests.conftest import run_tally
from tests.web.ledgerdata import ARTICLES, build


def test_reviewer_add_prints_a_working_token_once(tmp_path: Path) -> None:
    db = str(build(tmp_path / "l.db"))
    out = run_tally("reviewer", "add", "Ana Reviewer", "--db", db).stdout
    token = re.search(r"token \(shown once\): (\S+)", out).group(1)
    with Ledger(db) as led:
        assert Corrections(led.conn).reviewer(token) == "Ana Reviewer"
    again = run_tally("reviewer", "add", "Ana Reviewer", "--db", db, check=False)
    assert again.returncode == 1 and "error [T500]" in again.stderr
    assert "Traceback" not in again.stderr


def test_serve_get_pushes_one_request_through_the_app(tmp_path: Path) -> None:
    db = str(build(tmp_path / "l.db"))
    page = run_tally("serve", "--db", db, "--get", "/?q=elvar").stdout
    assert "<h1>Incidents</h1>" in page and "Port Elvar" in page
    missing = run_tally("serve", "--db", db, "--get", "/incidents/none-such", check=False)
    assert missing.returncode == 1 and "error [T300]" in missing.stdout


def test_report_is_one_self_contained_file_with_inert_article_text(tmp_path: Path) -> None:
    db = str(build(tmp_path / "l.db"))
    out = tmp_path / "report.html"
    run_tally("report", "--db", db, "--out", str(out))
    html = out.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in html and "script-src 'sha256-" in unescape(html)
    assert "Chart.js v4" in html and "<style>" in html
    assert not re.search(r"<(?:script|img|link)[^>]+(?:src|href)=", html)
    assert "&lt;script&gt;__pwned = 1&lt;/script&gt;" in html
    assert "<script>__pwned" not in html
    assert "killed 41 people" in html


def test_report_errors_are_one_line(tmp_path: Path) -> None:
    db = str(build(tmp_path / "l.db"))
    for args, code in (
        (["--incident", "none-such", "--out", str(tmp_path / "r.html")], "T300"),
        (["--out", str(tmp_path / "no" / "such" / "r.html")], "T210"),
    ):
        proc = run_tally("report", "--db", db, *args, check=False)
        assert proc.returncode == 1
        assert proc.stderr.strip().startswith(f"error [{code}]") and "Traceback" not in proc.stderr


def test_a_correction_survives_reingesting_and_reaches_both_exports(tmp_path: Path) -> None:
    db = str(build(tmp_path / "l.db"))
    with Ledger(db) as led:
        fig = next(f for f in led.figures() if f.quote == "12 women")
        Corrections(led.conn).review_figure(
            "Ana",
            fig,
            "correct",
            fig.incident,
            {"value": "14", "category": "killed", "group": "women", "qualifier": "exact"},
        )
    folder = tmp_path / "again"
    folder.mkdir()
    for name, _published, _publisher, text, _figures in ARTICLES:
        (folder / name).write_text(text, encoding="utf-8")
    out = run_tally("ingest", "--db", db, str(folder)).stdout
    assert "0 documents stored, 3 already in the ledger" in out
    figures, incidents = tmp_path / "f.jsonl", tmp_path / "i.jsonl"
    run_tally("export", "--db", db, "--figures", str(figures), "--incidents", str(incidents))
    rows = [json.loads(line) for line in figures.read_text().splitlines()]
    assert {r["value"] for r in rows if r["key"] == fig.key} == {14}
    women = [
        f
        for line in incidents.read_text().splitlines()
        for f in json.loads(line)["figures"]
        if (f["category"], f["group"]) == ("killed", "women")
    ]
    assert any(14 in f["values"] for f in women)
    assert not any(12 in f["values"] for f in women)


def test_corrections_carry_over_to_a_ledger_rebuilt_from_the_same_texts(tmp_path: Path) -> None:
    old = str(build(tmp_path / "old.db"))
    with Ledger(old) as led:
        store = Corrections(led.conn)
        fig = next(f for f in led.figures() if f.quote == "killed 43 people")
        store.review_figure("Ana", fig, "reject", fig.incident)
    dump = tmp_path / "corrections.jsonl"
    run_tally("corrections", "export", "--db", old, "--out", str(dump))
    new = str(build(tmp_path / "new.db"))
    out = run_tally("corrections", "import", str(dump), "--db", new).stdout
    assert out.startswith("2 rows imported")
    with Ledger(new) as led:
        keys = {r["key"] for r in figure_rows(led)}
        assert fig.key not in keys and len(keys) == 6
        assert [e["action"] for e in Corrections(led.conn).audit()] == ["reject"]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"kind": "figure"}\nnot json\n', encoding="utf-8")
    proc = run_tally("corrections", "import", str(bad), "--db", new, check=False)
    assert proc.returncode == 1 and proc.stderr.startswith("error [T100]")
    assert "line 2 is not JSON" in proc.stderr
