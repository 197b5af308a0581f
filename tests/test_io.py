"""Atomic output: the target is whole or absent, and gets the usual file mode."""
import os
import stat

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
