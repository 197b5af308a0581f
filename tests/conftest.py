"""Shared test settings: where ../shared is, and skips for what a user's clone may lack."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"


def needs_shared():
    return pytest.mark.skipif(not (SHARED / "corpus").is_dir(),
                              reason="../shared (sample corpus and gold) is not beside this clone")


def needs_chromium():
    return pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian chromium is not installed")


def pytest_addoption(parser):
    parser.addoption("--runslow", action="store_true", default=False, help="also run tests marked slow")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--runslow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --runslow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
