"""Code must not know the development set's answers: no name that occurs only in the sample
articles (../shared/hooks/sample-names.txt) may stand in src/ — not in a rule, a lexicon, an
example sentence or a comment. Held-out reporting never contains them."""
from __future__ import annotations

from pathlib import Path

from conftest import ROOT, SHARED, needs_shared

pytestmark = needs_shared()

TEXT_SUFFIXES = {".py", ".json", ".tsv", ".csv", ".txt", ".yaml", ".yml", ".rq", ".md", ".html", ".js", ".ttl"}


def test_no_sample_article_name_in_src():
    names = [n.strip() for n in (SHARED / "hooks" / "sample-names.txt").read_text(encoding="utf-8").splitlines() if n.strip()]
    assert len(names) > 100
    hits = []
    for path in sorted((ROOT / "src").rglob("*")):
        if path.suffix not in TEXT_SUFFIXES or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        hits += [f"{path.relative_to(ROOT)}: {n}" for n in names if n in text]
    assert hits == [], "names from the sample articles in src/ (write an invented name instead):\n" + "\n".join(hits)
