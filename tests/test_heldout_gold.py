"""The held-out gold files stay consistent with their articles (evidence verbatim, names present,
relation ends defined, vocabulary terms only): tests/check_heldout.py on each set."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).parent


@pytest.mark.parametrize("folder", ["heldout3", "heldout4", "heldout5", "heldout6"])
def test_heldout_gold_is_consistent(folder):
    result = subprocess.run([sys.executable, str(TESTS / "check_heldout.py"), str(TESTS / folder)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "0 problems" in result.stdout
