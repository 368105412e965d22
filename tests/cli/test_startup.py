"""Start-up: a command loads what it uses, so reading the ledger starts quickly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def _loaded_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint(' '.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(out.stdout.split())


def test_the_cli_compiles_the_extractor_only_when_a_document_is_processed(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Two people were killed in the town on Monday, police said.")
    assert "tally.extract" not in _loaded_after("import tally.cli")
    assert "tally.extract" in _loaded_after(
        "import tally.cli\n"
        "from tally.pipeline import process\n"
        "from tally.models import Source\n"
        f"assert process(Source(name='a.txt', path={str(article)!r})).figures"
    )
