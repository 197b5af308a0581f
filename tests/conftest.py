"""Shared test settings: where ../shared is, and skips for what a user's clone may lack."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

# builds note their output in the state folder (aidkg.state): never the user's own while testing
os.environ["AIDKG_HOME"] = tempfile.mkdtemp(prefix="aidkg-test-state-")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"


def needs_shared():
    """Skip when ../shared is not beside this clone — except under CI=true, where its absence fails
    the test (CI must score the development set)."""
    absent = not (SHARED / "corpus").is_dir()
    if absent and os.environ.get("CI") == "true":
        return pytest.mark.usefixtures("_shared_is_missing")
    return pytest.mark.skipif(absent, reason="../shared (sample corpus and gold) is not beside this clone")


@pytest.fixture
def _shared_is_missing():
    pytest.fail(f"CI=true but the development set {SHARED} is missing")


@pytest.fixture(scope="session")
def devset_report():
    """The scores of the whole 50-article development set (../shared and ../shared/real), per
    article and overall, computed once per test session."""
    from aidkg.evaluate import evaluate_sets, find_sets
    return evaluate_sets(find_sets(SHARED))


@pytest.fixture(scope="session")
def devset_overall(devset_report):
    return devset_report["overall"]


def needs_chromium():
    return pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian chromium is not installed")


@pytest.fixture(autouse=True)
def _own_state_folder(tmp_path_factory, monkeypatch):
    """Each test starts with no remembered build (one test's build is not another's default store)."""
    monkeypatch.setenv("AIDKG_HOME", str(tmp_path_factory.mktemp("state")))


def pytest_addoption(parser):
    parser.addoption("--runslow", action="store_true", default=False, help="also run tests marked slow")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--runslow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --runslow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
