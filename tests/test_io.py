"""Atomic output: the target is whole or absent, and gets the usual file mode."""
import os
import stat
from pathlib import Path

import pytest

from aidkg.io import atomic_open, atomic_write


def test_failed_write_leaves_the_old_file(tmp_path):
    target = tmp_path / "graph.ttl"
    atomic_write(target, "old")
    with pytest.raises(RuntimeError):
        with atomic_open(target) as f:
            f.write("half")
            raise RuntimeError("killed")
    assert target.read_text() == "old"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_output_mode_follows_the_umask(tmp_path):
    target = tmp_path / "g.ttl"
    old = os.umask(0o022)
    try:
        atomic_write(target, "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_atomic_path_renames_only_a_finished_file(tmp_path):
    """atomic_path (for writers that take a path): the target appears only when the block ends,
    with the usual mode; a failure leaves the old file and no temp file behind."""
    from aidkg.io import atomic_path
    target = tmp_path / "graph.ttl"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            Path(tmp).write_text("half", encoding="utf-8")
            raise RuntimeError("killed")
    assert target.read_text(encoding="utf-8") == "old" and sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"]
    with atomic_path(target) as tmp:
        assert not Path(tmp).samefile(target)
        Path(tmp).write_text("new", encoding="utf-8")
        assert target.read_text(encoding="utf-8") == "old"
    assert target.read_text(encoding="utf-8") == "new" and target.stat().st_mode & 0o044
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"]
