"""Sanity check of the heldout2 gold: every evidence string is verbatim in its article, every entity
name (or an alias) occurs in it, and relation ends exist. Run: python tests/heldout2/check_gold.py"""
import json
import pathlib
import sys

from bs4 import BeautifulSoup

HERE = pathlib.Path(__file__).parent


def article_text(path: pathlib.Path) -> str:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("gb18030")
    return BeautifulSoup(text, "html.parser").get_text() if path.suffix == ".html" else text


def main() -> int:
    problems = 0
    for gold_path in sorted((HERE / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = article_text(HERE / "corpus" / gold["document"])
        ids = {e["id"] for e in gold["entities"]}
        for e in gold["entities"]:
            if not any(label in text for label in [e["name"], *e["aliases"]]):
                print(f"{gold_path.name}: entity {e['name']} not in article"); problems += 1
        for r in gold["relations"]:
            if r["s"] not in ids or r["o"] not in ids:
                print(f"{gold_path.name}: dangling relation {r}"); problems += 1
            if r["evidence"] not in text:
                print(f"{gold_path.name}: evidence not verbatim: {r['evidence']}"); problems += 1
    print("problems:", problems)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
