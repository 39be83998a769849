"""The wheel is one ``kehoach`` namespace with its data files (issue 13).

A real build (``pip wheel`` with this environment's setuptools, from a copy of the sources
so the checkout gets no build/ folder), then its file list: no generic top-level packages
(``index``, ``answer``, …) and the files the installed app needs at run time (the Streamlit
page and config, the generate-mode prompt, the gazetteer and OCR resources).
The install itself into a fresh venv (`pip install .`, then `kehoach …` from /tmp) needs
the network and minutes; it is the acceptance check in the issue's note, not a test.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from kehoach.core.settings import PROJECT_ROOT

BUILD_TIMEOUT_S = 300


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pyproject = PROJECT_ROOT / "pyproject.toml"
    package_dirs = tomllib.loads(pyproject.read_text())["tool"]["setuptools"]["package-dir"]
    source = tmp_path_factory.mktemp("wheel-src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(PROJECT_ROOT / name, source / name)
    for folder in set(package_dirs.values()):
        shutil.copytree(PROJECT_ROOT / folder, source / folder,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    out = tmp_path_factory.mktemp("wheel-out")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "--wheel-dir", str(out), str(source)],
                   check=True, timeout=BUILD_TIMEOUT_S, capture_output=True)
    (built,) = out.glob("kehoach-*.whl")
    return built


@pytest.fixture(scope="module")
def wheel_names(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


def test_one_top_level_package(wheel_names: list[str]) -> None:
    tops = {name.split("/")[0] for name in wheel_names}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"kehoach"}, tops


def test_layers_are_subpackages(wheel_names: list[str]) -> None:
    for layer in ("core", "grammar", "ingest", "index", "extract", "answer", "cli", "ui"):
        assert f"kehoach/{layer}/__init__.py" in wheel_names, layer


def test_run_time_data_is_packaged(wheel_names: list[str]) -> None:
    names = set(wheel_names)
    for needed in ("kehoach/ui/page.py", "kehoach/ui/streamlit.toml",
                   "kehoach/prompts/generate.txt", "kehoach/grammar/data/gazetteer.json",
                   "kehoach/grammar/data/abbreviations.tsv"):
        assert needed in names, needed
    assert any(n.startswith("kehoach/ingest/resources/") for n in names)
    assert not any(n.startswith(("tests/", "data/", "kehoach/tests/")) for n in names)


def test_console_script(wheel: Path, wheel_names: list[str]) -> None:
    (entry,) = [n for n in wheel_names if n.endswith(".dist-info/entry_points.txt")]
    with zipfile.ZipFile(wheel) as archive:
        text = archive.read(entry).decode()
    assert "[console_scripts]" in text and "kehoach = kehoach.cli:main" in text, text
