"""`aidkg eval`: build a corpus and score it against gold annotations (see aidkg.evaluate)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer


def eval_command(
    paths: List[Path] = typer.Argument(..., exists=True, file_okay=False,
                                       help="Gold folder(s); with no --corpus, a folder holding gold/ and corpus/ "
                                            "(searched below too: `aidkg eval ../shared` scores every set)."),
    corpus: Optional[Path] = typer.Option(None, "--corpus", exists=True, file_okay=False,
                                          help="Folder of the articles (with one gold folder)."),
    as_json: bool = typer.Option(False, "--json", help="Print the full result as JSON."),
    article: Optional[List[str]] = typer.Option(None, "--article", help="Score only this article (file stem); repeatable."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List misses, false positives and wrong amounts."),
    by_rule: bool = typer.Option(False, "--by-rule", help="Each extraction rule's hits, precision and the gold triples it found."),
    no_corrections: bool = typer.Option(False, "--no-corrections", help="Score without the corpus' corrections.yaml (the extractor alone)."),
) -> None:
    """Score entities (untyped, typed, cadres), relations (overall and per family), amounts and
    evidence, per article and overall; with --by-rule, per extraction rule."""
    from .evaluate import evaluate, evaluate_sets, find_sets

    if corpus is not None:
        if len(paths) != 1:
            raise typer.BadParameter("--corpus goes with exactly one gold folder")
        result = evaluate(paths[0], corpus, articles=article, corrections=not no_corrections)
    else:
        sets = [pair for path in paths for pair in find_sets(path)]
        if not sets:
            raise typer.BadParameter(f"no gold/ + corpus/ folders under {', '.join(map(str, paths))}")
        result = evaluate_sets(sets, corrections=not no_corrections)  # --article filters below
        if article:
            keep = {a for a in article}
            result["articles"] = {k: v for k, v in result["articles"].items() if k.rsplit("/", 1)[-1] in keep}
            from .evaluate import overall
            result["overall"] = overall(result["articles"].values())
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=1, default=str))
        return
    from rich.console import Console

    console = Console()
    if not console.is_terminal:  # a log or a pipe: do not squeeze the table into 80 columns
        console = Console(width=160)
    console.print(_table(result))
    console.print(_family_table(result["overall"]))
    iso = result["overall"]["isolated"]
    console.print(f"isolated nodes (no relation): {iso['isolated']} of {iso['nodes']} ({_fmt(iso['share'])})")
    for name, o in result.get("sets", {}).items():
        console.print(f"set {name}: typed {_prf(o['entities']['typed'])} · relations {_prf(o['relations'])} · "
                      f"amounts {o['amounts']['correct']}/{o['amounts']['total']}")
    if by_rule:
        console.print(_rule_table(result["overall"]["rules"]))
    for stem, reason in result["errors"].items():
        console.print(f"[red]{stem}[/red]: {reason}")
    if verbose:
        for stem, scores in result["articles"].items():
            _print_details(console, stem, scores)
        if by_rule:
            for method, r in result["overall"]["rules"].items():
                if r["wrong_triples"]:
                    console.rule(f"{method}: wrong")
                    for t in r["wrong_triples"]:
                        console.print(f"  {t}", markup=False, highlight=False)


def _family_table(o: dict):
    from rich.table import Table

    table = Table(title="relations per family, all articles")
    for name in ("family", "P", "R", "F1", "correct", "found/required", "predicted", "neutral", "outside"):
        table.add_column(name, justify="right" if name != "family" else "left", no_wrap=True)
    for p, c in o["families"].items():
        table.add_row(p, _fmt(c["precision"]), _fmt(c["recall"]), _fmt(c["f1"]), str(c["correct"]),
                      f"{c['found_required']}/{c['required']}", str(c["predicted"]), str(c["neutral"]),
                      str(c["outside"]))
    return table


def _rule_table(rules: dict):
    from rich.table import Table

    table = Table(title="extraction rules (overall): hits = predicted triples the rule supports")
    for name in ("rule", "hits", "correct", "wrong", "neutral", "outside", "precision"):
        table.add_column(name, justify="right" if name != "rule" else "left", no_wrap=True)
    for method, r in rules.items():
        table.add_row(method, str(r["hits"]), str(r["correct"]), str(r["wrong"]), str(r["neutral"]),
                      str(r["outside"]), _fmt(r["precision"]))
    return table


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


def rules_command(
    family: Optional[str] = typer.Option(None, "--family", help="Only the rules of this family."),
    name: Optional[str] = typer.Option(None, "--name", help="One rule (or variant), with all its examples."),
    as_json: bool = typer.Option(False, "--json", help="Print the rules as JSON."),
) -> None:
    """The relation rules: name, family, trigger, what it reads and an example (--name: all of them)."""
    from .relate.engine import ordered_rules, rule_of_method

    rules = ordered_rules()
    if name:
        one = rule_of_method(name)
        if one is None:
            raise typer.BadParameter(f"no rule named {name!r} (aidkg rules lists them)")
        rules = [one]
    elif family:
        rules = [r for r in rules if r.family == family]
    rows = [{"name": r.name, "family": r.family, "variants": list(r.emits), "trigger": r.trigger,
             "scope": r.scope if r.trigger else None, "reads": r.doc,
             "examples": [{"text": t, "gives": [list(x) for x in triples]} for t, triples in r.examples.items()],
             "counter_examples": list(r.counter)} for r in rules]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if not console.is_terminal:
        console = Console(width=160)
    if name:
        r = rows[0]
        console.print(f"[bold]{r['name']}[/bold] ({r['family']}) variants: {', '.join(r['variants']) or '—'}")
        console.print(f"trigger: {r['trigger'] or '(every sentence)'}  scope: {r['scope'] or '—'}", markup=False)
        console.print(r["reads"], markup=False)
        for ex in r["examples"]:
            console.print(f"  example: {ex['text']}", markup=False)
            for t in ex["gives"]:
                console.print(f"    → {' '.join(t)}", markup=False)
        for c in r["counter_examples"]:
            console.print(f"  gives nothing: {c}", markup=False)
        return
    table = Table(title=f"relation rules ({len(rows)}), in the order they run")
    for col in ("rule", "family", "trigger", "example → first triple"):
        table.add_column(col, overflow="fold")
    for r in rows:
        ex = r["examples"][0] if r["examples"] else None
        shown = f"{ex['text']} → {' '.join(ex['gives'][0][:3])}" if ex and ex["gives"] else (ex["text"] if ex else "—")
        names = r["name"] + (f" (+{', '.join(r['variants'])})" if r["variants"] else "")
        table.add_row(names, r["family"], r["trigger"] or "—", shown)
    console.print(table, markup=False)


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_command)
    app.command("rules")(rules_command)
