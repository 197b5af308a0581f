"""`aidkg build` and `aidkg extract`."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

console = Console(stderr=True)


def register(app: typer.Typer) -> None:
    app.command("build")(build_cmd)
    app.command("extract")(extract_cmd)


def build_cmd(
    paths: Optional[List[Path]] = typer.Argument(None, readable=False, help="Article files or folders (.txt .html .htm .md .pdf .docx). Default: the bundled examples/."),
    out: Path = typer.Option(Path("output"), "-o", "--out", help="Output folder for graph.* and graph.html"),
    fmt: str = typer.Option("ttl", "--format", "-f", help="Graph file format: ttl|trig|jsonld|nt|nq"),
    store: Optional[Path] = typer.Option(None, "--store", help="Store folder (default: OUT/store)"),
    html: bool = typer.Option(True, "--html/--no-html", help="Write graph.html"),
    force: bool = typer.Option(False, "--force", help="Rebuild articles whose content did not change"),
    validate: bool = typer.Option(True, "--validate/--no-validate", help="Check the output with the SHACL shapes"),
    corrections: Optional[Path] = typer.Option(None, "--corrections", help="Corrections file to apply (default: corrections.yaml beside the articles)"),
    no_corrections: bool = typer.Option(False, "--no-corrections", help="Apply no corrections file"),
    max_file_size: str = typer.Option("10MB", "--max-file-size", metavar="SIZE",
                                      help="Skip (with an error line) article files larger than this: 500KB, 10MB, 1GB"),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Extract in this many worker processes (one core each)"),
    cluster: Optional[str] = typer.Option(None, "--cluster", metavar="ADDRESS",
                                          help="Extract on a Dask cluster: its scheduler (tcp://host:8786), or "
                                               "local[:N] for N worker processes here; each article's graph is "
                                               "also written as a shard (--shards)"),
    shards: Optional[Path] = typer.Option(None, "--shards", help="With --cluster: the shard folder, one "
                                          "<graph hash>.nq per article (default: OUT/shards); a path every "
                                          "worker sees"),
    shards_only: bool = typer.Option(False, "--shards-only", help="With --cluster: write the shards and stop "
                                     "(no store, graph file or page; for `aidkg push --bulk`)"),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List every SHACL warning and violation"),
) -> None:
    """Build a knowledge graph from articles: store + graph file + interactive HTML."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from .builder import GRAPH_FORMATS, build
    from .outdir import OutputError

    if (shards is not None or shards_only) and cluster is None:
        console.print("[red]error[/] --shards and --shards-only go with --cluster ADDRESS", highlight=False)
        raise typer.Exit(2)
    if cluster is not None and jobs > 1:
        console.print("[red]error[/] --jobs and --cluster: give one (a cluster's workers are its jobs)", highlight=False)
        raise typer.Exit(2)
    if fmt not in GRAPH_FORMATS:
        console.print(f"[red]unknown format {fmt!r}[/]: one of {', '.join(GRAPH_FORMATS)}")
        raise typer.Exit(2)
    limit = parse_size(max_file_size)
    if limit is None:
        console.print(f"[red]error[/] --max-file-size {max_file_size!r}: give a size such as 500KB, 10MB or 1GB",
                      highlight=False)
        raise typer.Exit(2)
    with Progress(TextColumn("[bold]building"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  TextColumn("{task.description}"), console=console, transient=True,
                  disable=not console.is_terminal) as bar:
        task = bar.add_task("", total=None)

        def progress(name: str, i: int, n: int) -> None:
            bar.update(task, total=n, completed=i, description=Path(name).name if name else "")

        from .cluster import ClusterError
        from .corrections import CorrectionsError

        if corrections is not None and not corrections.is_file():
            console.print(f"[red]error[/] no corrections file {escape(str(corrections))}", highlight=False)
            raise typer.Exit(2)
        try:
            if shards_only:
                from .builder import default_corpus
                from .cluster import build_shards
                report = build_shards(paths or [default_corpus()], shards or out / "shards", cluster,
                                      validate=validate, force=force, max_file_size=limit, progress=progress)
            else:
                report = build(paths or None, out, store_path=store, fmt=fmt, html=html, force=force,
                               validate=validate, max_file_size=limit, progress=progress,
                               corrections=False if no_corrections else corrections, jobs=jobs,
                               cluster=cluster, shards=shards)
        except ClusterError as exc:
            console.print(f"[red]error[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
            raise typer.Exit(1)
        except OutputError as exc:
            console.print(f"[red]error[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
            raise typer.Exit(1)
        except CorrectionsError as exc:
            console.print(f"[red]error[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
            raise typer.Exit(2)
    for line in report.skipped[:SHOWN_SKIPPED]:
        console.print(f"[yellow]skipped[/] {escape(line)}", highlight=False, soft_wrap=True)
    if len(report.skipped) > SHOWN_SKIPPED:
        console.print(f"[yellow]skipped[/] … and {len(report.skipped) - SHOWN_SKIPPED} more files of unsupported types",
                      highlight=False)
    for note in report.notes:
        console.print(f"[yellow]note[/] {escape(note)}", highlight=False, soft_wrap=True)
    for err in report.errors:
        console.print(f"[red]error[/] {escape(err)}", highlight=False, soft_wrap=True)
    _summary(report, verbose)
    if report.errors or report.violations:
        raise typer.Exit(1)


SHOWN_SKIPPED = 50
SHOWN_VIOLATIONS = 20
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMG]?)i?B?\s*$", re.I)


def parse_size(text: str) -> int | None:
    """'10MB' → 10485760 (binary units; a bare number is bytes); None when not a size."""
    m = _SIZE.match(text)
    if not m:
        return None
    value = float(m.group(1)) * 1024 ** " KMG".index(m.group(2).upper() or " ")
    return int(value) if value >= 1 else None


def _summary(report, verbose: bool = False) -> None:
    console.print(f"articles read: {report.articles_read}  built: {report.articles_built}  "
                  f"unchanged: {report.articles_unchanged}  failed: {len(report.errors)}  "
                  f"skipped: {len(report.skipped)}  ({report.seconds:.1f} s)")
    t = Table(title="entities by class", show_edge=False)
    t.add_column("class"), t.add_column("n", justify="right")
    for cls, n in sorted(report.entities_by_class.items(), key=lambda x: -x[1]):
        t.add_row(cls, str(n))
    r = Table(title="relations by type", show_edge=False)
    r.add_column("relation"), r.add_column("n", justify="right")
    for p, n in sorted(report.relations_by_predicate.items(), key=lambda x: -x[1]):
        r.add_row(p, str(n))
    if "store" in report.outputs or "shards" not in report.outputs:   # not a shards-only build
        console.print(t)
        console.print(r)
    shown = None if verbose else SHOWN_VIOLATIONS
    if report.violations:
        console.print(f"[red]SHACL violations: {len(report.violations)}[/] (the build fails)")
        for v in report.violations[:shown]:
            console.print(f"  {escape(v)}", highlight=False, soft_wrap=True)
        if shown is not None and len(report.violations) > shown:
            console.print(f"  … and {len(report.violations) - shown} more (-v lists them all)")
    else:
        console.print("SHACL: conforms")
    if report.warnings:
        # warnings do not fail the build: a count, and with -v each one (article: what, where)
        console.print(f"[yellow]SHACL warnings: {len(report.warnings)}[/]" + ("" if verbose else " (-v lists them)"))
        if verbose:
            for w in report.warnings:
                console.print(f"  [yellow]warning[/] {escape(w)}", highlight=False, soft_wrap=True)
    for k, v in report.outputs.items():
        console.print(f"{k}: {v}")


def extract_cmd(
    path: Path = typer.Argument(..., readable=False, help="One article file"),
    jsonl: bool = typer.Option(True, "--jsonl/--pretty", help="One JSON object per line"),
) -> None:
    """Every mention (offsets in the original text, type, resolved entity) and relation (evidence offsets)."""
    from .ingest import IngestError
    from .pipeline import process_file

    try:
        doc = process_file(path)
    except IngestError as exc:
        console.print(f"[red]error[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
        raise typer.Exit(1)
    for rec in extraction_records(doc):
        sys.stdout.write(json.dumps(rec, ensure_ascii=False, indent=None if jsonl else 2) + "\n")


def extraction_records(doc):
    from . import reference
    from .graph import entity_iri

    yield {"kind": "article", "source": doc.meta.source, "title": doc.meta.title, "date": doc.meta.date,
           "publisher": doc.meta.publisher, "script": doc.meta.script, "content_hash": doc.content_hash}
    for m in doc.mentions:
        if m.entity is None:
            continue
        yield {"kind": "mention", "start": m.start, "end": m.end, "text": m.text(doc), "type": m.cls,
               "source": m.source, "entity": str(entity_iri(m.entity)), "label": m.entity.label,
               "entity_type": m.entity.cls}
    by_sentence = reference.mentions_by_sentence(doc)
    for r in doc.relations:
        s = doc.sentences[r.sentence]
        rec = {"kind": "relation", "subject": str(entity_iri(r.subject)), "subject_label": r.subject.label,
               "predicate": r.predicate, "object": str(entity_iri(r.object)), "object_label": r.object.label,
               "method": r.method, "evidence_start": s.start, "evidence_end": s.end,
               "evidence": doc.text[s.start:s.end]}
        via = [_via_record(doc, m, entity_iri) for m in reference.resting_on(r.sentence, (r.subject, r.object), by_sentence)]
        if via:
            rec["via"] = via   # the sentence reaches these entities through words standing for them (aid:viaReference)
        yield rec
    for e in doc.entities.values():
        attrs = {k: str(v) for k, v in e.attrs.items() if not k.startswith("_")}
        if attrs:
            yield {"kind": "attributes", "entity": str(entity_iri(e)), "label": e.label, **attrs}
    for f in doc.facts:
        s = doc.sentences[f.sentence]
        yield {"kind": "aggregate", "amount": str(f.amount) if f.amount is not None else None,
               "project_count": f.project_count, "donor": f.donor.label if f.donor else None,
               "recipient": f.recipient.label if f.recipient else None,
               "evidence_start": s.start, "evidence_end": s.end}


def _via_record(doc, m, entity_iri) -> dict:
    """A referring expression a relation rests on (该县 → 白杨县), as aidkg.graph writes it."""
    from .reference import named_before
    rec = {"text": m.text(doc), "start": m.start, "end": m.end, "entity": str(entity_iri(m.entity)),
           "label": m.entity.label}
    named = named_before(m)
    if named is not None:
        rec.update(antecedent=named.text(doc), antecedent_start=named.start, antecedent_end=named.end)
    return rec
