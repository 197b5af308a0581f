"""The `aidkg` command: one typer app; each area module adds its commands with register(app)."""
from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    help="Knowledge graphs with sentence-level provenance from Chinese paired-assistance reporting.",
    no_args_is_help=True,
    add_completion=False,
)

# area modules, each with register(app); a module not yet written is skipped
_AREAS = ("aidkg.cli_build", "aidkg.cli_store", "aidkg.cli_viz", "aidkg.cli_eval", "aidkg.cli_explain")

def _version(value: bool) -> None:
    if value:
        from aidkg import __version__
        typer.echo(f"aidkg {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit.")) -> None:
    """Knowledge graphs with sentence-level provenance from Chinese paired-assistance reporting."""


for _name in _AREAS:
    try:
        _mod = importlib.import_module(_name)
    except ModuleNotFoundError as exc:
        if exc.name != _name:
            raise
        continue
    _mod.register(app)


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
