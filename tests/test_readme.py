"""The README's command reference names every command and every option the command line has."""
from __future__ import annotations

import re
from pathlib import Path

import typer.main

from aidkg.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"


def _reference_rows() -> dict[str, str]:
    """`aidkg CMD …` → the text of its row in the README's command-reference table."""
    rows = {}
    for line in README.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\| `aidkg ([a-z]+)", line)
        if m:
            rows[m[1]] = rows.get(m[1], "") + line
    return rows


def test_every_command_and_option_is_in_the_reference():
    rows = _reference_rows()
    group = typer.main.get_command(app)
    missing = []
    for name, command in group.commands.items():
        if name not in rows:
            missing.append(name)
            continue
        for param in command.params:
            names = [o for o in (*param.opts, *param.secondary_opts) if o.startswith("-")]
            if not names or "--help" in names:
                continue  # arguments, and --help
            # the long or the short form (-o, -v)
            if not any(re.search(r"(?<![\w-])" + re.escape(o) + r"(?![\w-])", rows[name]) for o in names):
                missing.append(f"{name} {'/'.join(names)}")
    assert not missing, f"not in README's command reference: {missing}"


def test_the_two_setup_commands():
    text = README.read_text(encoding="utf-8")
    assert "pip install . && aidkg build" in text and "bash .ci/run" in text
    assert (README.parent / ".ci" / "run").is_file()
