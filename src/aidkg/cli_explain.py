"""`aidkg explain S P O`: why the graph says it (aidkg.explain)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer


def register(app: typer.Typer) -> None:
    from .cli_store import STORE_OPT

    @app.command()
    def explain(
        subject: str = typer.Argument(..., help="the subject: a name (label or other name) or an IRI"),
        predicate: str = typer.Argument(..., help="the relation: pairedWith, supports, investedIn, fundedBy, …"),
        obj: str = typer.Argument(..., metavar="OBJECT", help="the object: a name or an IRI"),
        store: Optional[Path] = STORE_OPT,
        as_json: bool = typer.Option(False, "--json", help="print the statements as JSON"),
    ):
        """Why the graph says SUBJECT PREDICATE OBJECT: each statement's sentence and article, the rule
        that made it, the reference data or corrections line behind it, the references it rests on."""
        from .cli_store import _err, _open_store
        from .explain import ExplainError, explain as explain_triple, lines

        with _open_store(store) as st:
            try:
                result = explain_triple(st, subject, predicate, obj)
            except ExplainError as exc:
                _err(str(exc), 1)
        if as_json:
            typer.echo(json.dumps({**result, "statements": [s.as_dict() for s in result["statements"]]},
                                  ensure_ascii=False, indent=1))
        else:
            for line in lines(result):
                typer.echo(line)
        if not result["statements"]:
            typer.echo(f"aidkg: the graph has no statement {subject} {predicate} {obj}", err=True)
            raise typer.Exit(1)
