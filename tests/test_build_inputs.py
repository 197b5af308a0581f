"""`aidkg build` on files that are no articles and on output folders it must not misuse.

Every bad file gets one line naming it and the reason, the good files still build, and the exit
status is 1; an output that cannot be used is one line, never a traceback. All text is invented.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from typer.testing import CliRunner

from aidkg.cli import app
from aidkg.vocab import AID

runner = CliRunner()

GOOD = ("青石日报讯 云岭省对口支援青石县。云岭省援建的青石县第二小学教学楼项目总投资1950万元，"
        "由云岭省援疆前方指挥部组织实施。")
OTHER = "云岭省与青石县结对帮扶以来，双方签约项目12个。"


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a-good.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "b-good.md").write_text("# 结对帮扶\n\n" + OTHER, encoding="utf-8")
    return corpus


def _build(*args: str) -> tuple[int, str]:
    res = runner.invoke(app, ["build", *map(str, args), "--no-html"])
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    return res.exit_code, res.output


def _articles(out: Path) -> set[str]:
    g = rdflib.Graph().parse(out / "graph.ttl")
    return {Path(str(g.value(a, rdflib.namespace.DCTERMS.source))).name
            for a in g.subjects(rdflib.RDF.type, AID.Article)}


def _error_lines(output: str, name: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("error") and name in line]


def _assert_one_error(output: str, name: str, *words: str) -> None:
    lines = _error_lines(output, name)
    assert len(lines) == 1, output
    for word in words:
        assert word in lines[0], lines[0]
    assert "Traceback" not in output


# ------------------------------------------------------------------ files that are no articles

def test_fifo_device_link_and_too_large_file_are_skipped_with_a_reason(tmp_path):
    corpus = _corpus(tmp_path)
    os.mkfifo(corpus / "pipe.txt")
    (corpus / "zero.txt").symlink_to("/dev/zero")
    (corpus / "big.txt").write_text(GOOD * 200, encoding="utf-8")     # ~40 KB
    (corpus / "folder.txt").mkdir()                                     # a folder named like an article
    (corpus / "folder.txt" / "inside.txt").write_text(OTHER + "第二篇。", encoding="utf-8")
    out = tmp_path / "out"
    code, output = _build(corpus, "-o", out, "--max-file-size", "20KB")
    assert code == 1
    _assert_one_error(output, "pipe.txt", "not a regular file", "named pipe")
    _assert_one_error(output, "zero.txt", "not a regular file", "character device")
    _assert_one_error(output, "big.txt", "too large", "--max-file-size")
    assert _articles(out) == {"a-good.txt", "b-good.md", "inside.txt"}


def test_max_file_size_option_is_checked():
    code, output = _build("-o", "/tmp/never-written", "--max-file-size", "lots")
    assert code == 2 and "--max-file-size" in output and "Traceback" not in output


def test_file_name_that_is_not_utf8(tmp_path):
    corpus = _corpus(tmp_path)
    bad = os.path.join(os.fsencode(corpus), "援疆".encode("gbk") + b".txt")
    with open(bad, "wb") as f:
        f.write(GOOD.encode("utf-8"))
    out = tmp_path / "out"
    code, output = _build(corpus, "-o", out)
    assert code == 1
    shown = os.fsencode("援疆".encode("gbk") + b".txt").decode("utf-8", "backslashreplace")
    assert "\\x" in shown
    _assert_one_error(output, shown, "not valid UTF-8")
    assert _articles(out) == {"a-good.txt", "b-good.md"}


def test_names_that_are_not_utf8_on_the_command_line(tmp_path):
    corpus = _corpus(tmp_path)
    raw = os.fsencode(tmp_path)
    named = os.path.join(raw, b"x\xff.txt")                 # a file named on the command line
    folder = os.path.join(raw, b"d\xfe")                    # a folder whose own name is not UTF-8
    os.mkdir(folder)
    for path in (named, os.path.join(folder, b"inside.txt")):
        with open(path, "wb") as f:
            f.write(GOOD.encode("utf-8"))
    out = tmp_path / "out"
    code, output = _build(corpus, os.fsdecode(named), os.fsdecode(folder), "-o", out)
    assert code == 1, output
    for name in (b"x\xff.txt", b"d\xfe"):
        _assert_one_error(output, os.path.join(raw, name).decode("utf-8", "backslashreplace"), "not valid UTF-8")
    assert len([line for line in output.splitlines() if line.startswith("error")]) == 2, output
    assert _articles(out) == {"a-good.txt", "b-good.md"}


def test_symbolic_link_loops(tmp_path):
    corpus = _corpus(tmp_path)
    (corpus / "self.txt").symlink_to("self.txt")
    (corpus / "sub").mkdir()
    (corpus / "sub" / "up").symlink_to("..")            # a link to a folder: listed, not followed
    (corpus / "sub" / "dangling.txt").symlink_to("nowhere.txt")
    out = tmp_path / "out"
    code, output = _build(corpus, tmp_path / "corpus" / "self.txt", "-o", out)
    assert code == 1
    assert len(_error_lines(output, "self.txt")) == 2   # found in the folder and named on the command line
    assert all("symbolic link loop" in line for line in _error_lines(output, "self.txt"))
    _assert_one_error(output, "dangling.txt", "broken symbolic link")
    assert [line for line in output.splitlines() if line.startswith("skipped")] == [
        f"skipped {corpus / 'sub' / 'up'}: a link to a folder is not followed (name the folder itself to read it)"]
    assert _articles(out) == {"a-good.txt", "b-good.md"}


needs_setpriv = pytest.mark.skipif(os.geteuid() == 0 and shutil.which("setpriv") is None,
                                   reason="root reads everything; setpriv (util-linux) drops that")


def _as_user_without_override(cmd: list[str]) -> list[str]:
    # root bypasses file permissions; without CAP_DAC_OVERRIDE it meets them like anyone
    if os.geteuid() == 0:
        return ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--", *cmd]
    return cmd


@needs_setpriv
def test_unreadable_files_and_folders(tmp_path):
    corpus = _corpus(tmp_path)
    secret = corpus / "secret.txt"
    secret.write_text(GOOD, encoding="utf-8")
    locked = corpus / "locked"
    locked.mkdir()
    (locked / "x.txt").write_text(OTHER, encoding="utf-8")
    named = tmp_path / "named.txt"          # an unreadable file named on the command line
    named.write_text(OTHER, encoding="utf-8")
    for path in (secret, named):
        path.chmod(0)
    locked.chmod(0)
    out = tmp_path / "out"
    try:
        proc = subprocess.run(_as_user_without_override(
            [sys.executable, "-m", "aidkg.cli", "build", str(corpus), str(named), "-o", str(out), "--no-html"]),
            capture_output=True, text=True, timeout=300, env={**os.environ, "COLUMNS": "400"})
    finally:
        locked.chmod(0o755)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    _assert_one_error(output, "secret.txt", "permission denied")
    _assert_one_error(output, "named.txt", "permission denied")
    _assert_one_error(output, "locked", "permission denied")
    assert _articles(out) == {"a-good.txt", "b-good.md"}


def test_other_files_in_a_folder_are_listed_as_skipped(tmp_path):
    corpus = _corpus(tmp_path)
    (corpus / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (corpus / "README.md").write_text("# about this corpus", encoding="utf-8")
    code, output = _build(corpus, "-o", tmp_path / "out")
    assert code == 0, output
    skipped = [line for line in output.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 1 and "photo.jpg" in skipped[0] and "unsupported type" in skipped[0]
    assert "skipped: 1" in output


# ------------------------------------------------------------------ where the outputs go

@pytest.mark.parametrize("inside", [False, True])
def test_output_in_the_input_folder_is_not_read_back(tmp_path, inside):
    corpus = _corpus(tmp_path)
    out = corpus / "out" if inside else corpus
    for _ in range(2):
        res = runner.invoke(app, ["build", str(corpus), "-o", str(out)])   # with graph.html
        assert res.exit_code == 0, res.output
    assert (out / "graph.html").exists()
    assert "unchanged: 2" in res.output and "graph.html" not in res.output.split("articles read")[0]
    assert _articles(out) == {"a-good.txt", "b-good.md"}
    # and an earlier output folder inside the corpus is not read by a build elsewhere
    res = runner.invoke(app, ["build", str(corpus), "-o", str(tmp_path / "elsewhere"), "--no-html"])
    assert res.exit_code == 0 and "articles read: 2" in res.output, res.output


def test_a_graph_file_aidkg_did_not_write_is_not_overwritten(tmp_path):
    corpus = _corpus(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    mine = "@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\n"
    (out / "graph.ttl").write_text(mine, encoding="utf-8")
    code, output = _build(corpus, "-o", out)
    assert code == 1
    assert output.count("\n") <= 2 and "not written by aidkg" in output and "graph.ttl" in output
    assert (out / "graph.ttl").read_text(encoding="utf-8") == mine
    # its own graph file it replaces
    (out / "graph.ttl").unlink()
    assert _build(corpus, "-o", out)[0] == 0
    assert _build(corpus, "-o", out, "--force")[0] == 0


def test_stale_temp_files_of_killed_builds_are_removed(tmp_path):
    corpus = _corpus(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = [out / f".graph.ttl.{dead.pid}.x1y2z3.part", out / ".graph.html.k3j4_x9a.part"]
    for path in stale:
        path.write_text("half", encoding="utf-8")
    live = out / f".graph.ttl.{os.getppid()}.abcdefgh.part"     # a writer that still runs keeps its file
    live.write_text("busy", encoding="utf-8")
    assert _build(corpus, "-o", out)[0] == 0
    assert not any(p.exists() for p in stale) and live.exists()


def test_output_and_store_that_are_files(tmp_path):
    corpus = _corpus(tmp_path)
    a_file = tmp_path / "not-a-folder"
    a_file.write_text("x", encoding="utf-8")
    code, output = _build(corpus, "-o", a_file)
    assert code == 1 and output.count("\n") == 1 and "is a file" in output and "-o" in output
    code, output = _build(corpus, "-o", tmp_path / "out", "--store", a_file)
    assert code == 1 and output.count("\n") == 1 and "is a file" in output and "--store" in output
    code, output = _build(corpus, "-o", tmp_path / "out", "--store", corpus)   # a folder of articles
    assert code == 1 and output.count("\n") == 1 and "not an aidkg store" in output


def test_a_second_build_on_the_same_output_gets_one_line(tmp_path):
    corpus = _corpus(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    # another process holds the build lock (as a running build does)
    holder = subprocess.Popen([sys.executable, "-c", (
        "import fcntl, os, sys, time\n"
        f"fd = os.open({str(out / '.aidkg-build.lock')!r}, os.O_RDWR | os.O_CREAT)\n"
        "fcntl.flock(fd, fcntl.LOCK_EX); os.write(fd, str(os.getpid()).encode())\n"
        "print('locked', flush=True); time.sleep(60)")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        code, output = _build(corpus, "-o", out)
        assert code == 1 and output.count("\n") == 1, output
        assert "another aidkg build" in output and str(holder.pid) in output
    finally:
        holder.kill()
        holder.wait()
    assert _build(corpus, "-o", out)[0] == 0   # the lock went with its holder


def test_a_store_open_elsewhere_gets_one_line(tmp_path):
    from aidkg.store import Store
    corpus = _corpus(tmp_path)
    store = Store(tmp_path / "shared-store")     # open for writing, as `aidkg serve --allow-update` holds it
    try:
        code, output = _build(corpus, "-o", tmp_path / "out", "--store", tmp_path / "shared-store")
        assert code == 1 and "Traceback" not in output and "open for writing" in output
    finally:
        store.close()


# ------------------------------------------------------------------ validation

def test_a_shacl_violation_fails_the_build(tmp_path, monkeypatch):
    from decimal import Decimal
    from aidkg import pipeline

    def negative_amounts(doc):   # a faulty rule: the shapes must catch what it writes
        for entity in doc.entities.values():
            if entity.cls == "Project":
                entity.attrs["totalInvestment"] = Decimal(-1)
        return doc

    monkeypatch.setattr(pipeline, "STAGES", pipeline.STAGES + (negative_amounts,))
    code, output = _build(_corpus(tmp_path), "-o", tmp_path / "out")
    assert code == 1
    assert "SHACL violations" in output and "totalInvestment" in output


def test_table_rows_meet_the_shapes_and_the_build_passes(tmp_path):
    """Rows of a project table once carried extractionMethod "table:…", which the shapes refuse,
    while the build exited 0: now their statements are pattern:table-… and the build conforms."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "list.html").write_text(
        "<html><head><title>援建项目公示</title></head><body><h1>疏附县援建项目公示</h1>"
        "<p>广州市对口支援疏附县，现将本年度援建项目公示如下：</p><table>"
        "<tr><th>序号</th><th>项目名称</th><th>建设地点</th><th>总投资（万元）</th><th>援建单位</th></tr>"
        "<tr><td>1</td><td>乌帕尔镇人畜饮水工程</td><td>乌帕尔镇</td><td>640</td><td>广东省</td></tr>"
        "<tr><td>2</td><td>县第三中学宿舍楼</td><td>疏附县</td><td>1,780</td><td>广州市</td></tr>"
        "</table></body></html>", encoding="utf-8")
    (corpus / "list.md").write_text(
        "# 援建项目清单\n\n| 序号 | 项目名称 | 建设地点 | 总投资（万元） | 实施单位 |\n|---|---|---|---|---|\n"
        "| 1 | 白沙镇农贸市场改造工程 | 白沙镇 | 920 | 青石县商务局 |\n| 合计 | | | 920 | |\n", encoding="utf-8")
    out = tmp_path / "out"
    code, output = _build(corpus, "-o", out)
    assert code == 0 and "SHACL: conforms" in output, output
    g = rdflib.Graph().parse(out / "graph.ttl")
    methods = {str(m) for m in g.objects(None, AID.extractionMethod)}
    assert {m for m in methods if "table" in m} >= {"pattern:table-place", "pattern:table-donor", "pattern:table-organizer"}, methods
    assert all(m.startswith("pattern:") or m in ("reference-data", "curated") for m in methods), methods
