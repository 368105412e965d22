"""The user's language wins over detection: `--lang` on ingest and a manifest's `language`."""

from __future__ import annotations

import json
from pathlib import Path

from tally.store import Ledger
from tests.conftest import run_tally

FRENCH = "Douze personnes ont été tuées lundi soir sur un marché de Noël, selon la police.\n"


def _languages(db: str) -> list[str]:
    with Ledger(db) as ledger:
        return [d.language for d in ledger.documents()]


def test_detected_then_overridden_by_lang(tmp_path: Path) -> None:
    article = tmp_path / "marche.txt"
    article.write_text(FRENCH, encoding="utf-8")
    run_tally("ingest", "-q", "--db", str(tmp_path / "a.db"), str(article))
    assert _languages(str(tmp_path / "a.db")) == ["fr"]
    run_tally("ingest", "-q", "--lang", "en", "--db", str(tmp_path / "b.db"), str(article))
    assert _languages(str(tmp_path / "b.db")) == ["en"]


def test_manifest_language(tmp_path: Path) -> None:
    (tmp_path / "marche.txt").write_text(FRENCH, encoding="utf-8")
    manifest = tmp_path / "m.jsonl"
    manifest.write_text(json.dumps({"path": "marche.txt", "language": "es"}) + "\n")
    run_tally("ingest", "-q", "--db", str(tmp_path / "l.db"), "--manifest", str(manifest))
    assert _languages(str(tmp_path / "l.db")) == ["es"]


def test_bad_codes_are_one_clear_line(tmp_path: Path) -> None:
    article = tmp_path / "marche.txt"
    article.write_text(FRENCH, encoding="utf-8")
    proc = run_tally(
        "ingest", "--lang", "français!", "--db", str(tmp_path / "x.db"), str(article), check=False
    )
    assert (
        proc.returncode != 0 and "language code" in proc.stderr and "Traceback" not in proc.stderr
    )
    manifest = tmp_path / "m.jsonl"
    manifest.write_text(json.dumps({"path": "marche.txt", "language": "fr-FR!"}) + "\n")
    proc = run_tally(
        "ingest", "--db", str(tmp_path / "y.db"), "--manifest", str(manifest), check=False
    )
    assert "m.jsonl:1" in proc.stderr and "'language'" in proc.stderr, proc.stderr
