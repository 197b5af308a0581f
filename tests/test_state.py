"""The last build's output is remembered: query, stats, viz and serve use it without --store."""
from __future__ import annotations

import json
import os
import shutil

from pathlib import Path

from typer.testing import CliRunner

from aidkg.cli import app

runner = CliRunner()

ARTICLE = "江苏省对口支援克孜勒苏柯尔克孜自治州阿图什市。苏州恒达纺织科技有限公司投资3.5亿元在阿图什市建设年产5万吨纱线项目。"


def test_commands_after_a_build_use_its_store(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)                     # no output/store here: only the note can lead there
    corpus = tmp_path / "my_folder"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert runner.invoke(app, ["build", str(corpus), "-o", str(tmp_path / "out"), "--no-html"]).exit_code == 0
    note = json.loads((Path(os.environ["AIDKG_HOME"]) / "last-build.json").read_text())
    assert note["store"] == str((tmp_path / "out" / "store").resolve())

    res = runner.invoke(app, ["query", "--name", "articles", "--format", "csv"])
    assert res.exit_code == 0 and "a.txt" in res.stdout
    assert "last build" in res.stderr
    res = runner.invoke(app, ["stats", "--json"])
    assert res.exit_code == 0 and json.loads(res.stdout)
    res = runner.invoke(app, ["viz", "-o", str(tmp_path / "view.html")])
    assert res.exit_code == 0 and "阿图什市" in (tmp_path / "view.html").read_text(encoding="utf-8")
    # --store still wins; a remembered store that is gone is not used
    res = runner.invoke(app, ["query", "--name", "articles", "--store", str(tmp_path / "none")])
    assert res.exit_code != 0 and "no store" in res.output
    shutil.rmtree(tmp_path / "out")
    res = runner.invoke(app, ["query", "--name", "articles"])
    assert res.exit_code != 0 and "output/store" in res.output


def test_a_state_folder_that_cannot_be_written_does_not_fail_the_build(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("AIDKG_HOME", str(blocker / "state"))
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    res = runner.invoke(app, ["build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), "--no-html"])
    assert res.exit_code == 0, res.output


def test_version():
    from aidkg import __version__
    res = runner.invoke(app, ["--version"])
    assert res.exit_code == 0 and res.stdout.strip() == f"aidkg {__version__}"
