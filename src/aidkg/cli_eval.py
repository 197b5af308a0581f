"""`aidkg eval`: build a corpus and score it against gold annotations (see aidkg.evaluate)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer


def eval_command(
    gold_dir: Path = typer.Argument(..., exists=True, file_okay=False, help="Folder of gold JSON files."),
    corpus: Path = typer.Option(..., "--corpus", exists=True, file_okay=False, help="Folder of the articles."),
    as_json: bool = typer.Option(False, "--json", help="Print the full result as JSON."),
    article: Optional[List[str]] = typer.Option(None, "--article", help="Score only this article (file stem); repeatable."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List misses, false positives and wrong amounts."),
) -> None:
    """Score entities (untyped, typed, cadres), relations, amounts and evidence, per article and overall."""
    from .evaluate import evaluate

    result = evaluate(gold_dir, corpus, articles=article)
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=1, default=str))
        return
    from rich.console import Console

    console = Console()
    if not console.is_terminal:  # a log or a pipe: do not squeeze the table into 80 columns
        console = Console(width=160)
    console.print(_table(result))
    for stem, reason in result["errors"].items():
        console.print(f"[red]{stem}[/red]: {reason}")
    if verbose:
        for stem, scores in result["articles"].items():
            _print_details(console, stem, scores)


def _fmt(x) -> str:
    return "—" if x is None else f"{x:.2f}"


def _prf(d: dict) -> str:
    return " ".join(_fmt(d[k]) for k in ("precision", "recall", "f1"))


def _table(result: dict):
    from rich.table import Table

    table = Table(title="aidkg eval — P R F1 per cell; overall = micro-average")
    table.add_column("article", no_wrap=True)
    for name in ("entities", "typed", "cadres", "relations", "amounts", "evidence"):
        table.add_column(name, justify="right", no_wrap=True)
    rows = list(result["articles"].items()) + [("overall", result["overall"])]
    for i, (stem, s) in enumerate(rows):
        e = s["entities"]
        amounts = s["amounts"]
        cells = [_prf(e["untyped"]), _prf(e["typed"]), _prf(e["cadre"]), _prf(s["relations"]),
                 f"{amounts['correct']}/{amounts['total']}", _fmt(s["evidence"]["coverage"])]
        table.add_row(f"[bold]{stem}[/bold]" if stem == "overall" else stem, *cells,
                      end_section=i == len(rows) - 2)
    return table


def _print_details(console, stem: str, scores: dict) -> None:
    d = scores["details"]
    console.rule(stem)
    sections = [
        ("missed entities", d["missed"]),
        ("false-positive entities", d["false_positives"]),
        ("wrong types", [f"{w['gold']} ({w['gold_type']}) ← {w['predicted']} ({w['predicted_type']})"
                         for w in d["wrong_type"]]),
        ("missed relations", d["relations_missed"]),
        ("wrong relations", d["relations_wrong"]),
        ("relations without verbatim evidence", d["evidence_missing"]),
        ("wrong amounts", [f"{w['entity']}: gold {w['gold']:g}, got {', '.join(f'{v:g}' for v in w['predicted'])}"
                           for w in scores["amounts"]["wrong"]]),
        ("missing amounts", [f"{m['entity']}: gold {m['gold']:g}" for m in scores["amounts"]["missing"]]),
        ("unexpected amounts", [f"{u['entity']}: {', '.join(f'{v:g}' for v in u['predicted'])}"
                                for u in scores["amounts"]["unexpected"]]),
    ]
    for title, items in sections:
        if items:
            console.print(f"[bold]{title}[/bold] ({len(items)})")
            for item in items:
                console.print(f"  {item}", markup=False, highlight=False)


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_command)
