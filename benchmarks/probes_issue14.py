"""Issue 14 probes (items 2, 3-part, 6, 8 of the issue): run against any source tree.

    .venv/bin/python benchmarks/probes_issue14.py [SOURCE_ROOT]

SOURCE_ROOT (default: this tree) is imported as ``kehoach`` — e.g. a ``git archive`` of an
older commit — so the same probes give the "before" and "after" columns. Tiny plans only.
Disk full uses a real 256 KB tmpfs (root only; otherwise reported as not run).
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("kehoach", ROOT / "kehoach" / "__init__.py",
                                              submodule_search_locations=[str(ROOT / "kehoach"), str(ROOT)])
module = importlib.util.module_from_spec(spec)
sys.modules["kehoach"] = module
spec.loader.exec_module(module)  # subpackages (kehoach.core -> ROOT/core) resolve from ROOT

from click.testing import CliRunner  # noqa: E402

from kehoach.cli import cli  # noqa: E402
from kehoach.core.settings import Settings  # noqa: E402

TINY = ("ỦY BAN NHÂN DÂN XÃ AN HƯNG\nKẾ HOẠCH\nTổ chức phong trào thi đua năm 2025\n"
        "I. MỤC ĐÍCH\n1. Phấn đấu tỷ lệ người dân tham gia bảo hiểm y tế đạt 95%.\n")
OTHER = TINY.replace("95%", "80%").replace("AN HƯNG", "AN LÃO")
AN_HUNG = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "issue14" / "an-hung_ke-hoach-thi-dua-2025.txt"


def run(root: Path, *args: str, env: dict | None = None):
    r = CliRunner().invoke(cli, ["--plans-dir", str(root / "plans"), "--index-dir", str(root / "index"),
                                 *args], env=env)
    tb = "Traceback" in (r.output or "") or (r.exception is not None and not isinstance(r.exception, SystemExit))
    errs = [l for l in (r.stderr or "").splitlines() if l.startswith("Lỗi") or "Error" in l]
    return r.exit_code, tb, errs


def fresh() -> Path:
    root = Path(tempfile.mkdtemp(prefix="h14probe-"))
    (root / "plans").mkdir()
    (root / "plans" / "an-hung.txt").write_text(TINY, encoding="utf-8")
    assert run(root, "ingest")[0] == 0
    return root


def live(root: Path) -> Path:
    return root / "index" / (root / "index" / "CURRENT").read_text().strip()


rows: list[tuple[str, str]] = []

root = fresh()
incoming = root / "in" / "an-hung.txt"
incoming.parent.mkdir()
incoming.write_text(OTHER, encoding="utf-8")
code, tb, errs = run(root, "ingest", str(incoming))
replaced = (root / "plans" / "an-hung.txt").read_text(encoding="utf-8") == OTHER
rows.append(("same-name ingest", f"exit {code}, {'REPLACED silently' if replaced else 'refused'}"
             + (f", history kept" if (root / 'plans' / '.history').exists() else "")))

root = fresh()
FIRST = TINY.replace("95%", "70%")
for sub, name, text in (("x", "Kế hoạch.txt", FIRST), ("y", "Ke hoach.txt", OTHER)):
    (root / sub).mkdir()
    (root / sub / name).write_text(text, encoding="utf-8")
run(root, "ingest", str(root / "x" / "Kế hoạch.txt"))
code, tb, errs = run(root, "ingest", str(root / "y" / "Ke hoach.txt"))
texts = [p.read_text(encoding="utf-8") for p in (root / "plans").glob("*.txt")]
rows.append(("folded-name ingest ('Kế hoạch' then 'Ke hoach')",
             f"exit {code}, {'REPLACED silently' if FIRST not in texts else 'refused, first kept'}"))

root = fresh()
(root / "a.txt").write_text(OTHER, encoding="utf-8")
(root / "too-big.txt").write_text(OTHER * 50, encoding="utf-8")
before = sorted(p.name for p in (root / "plans").iterdir())
code, tb, errs = run(root, "ingest", str(root / "a.txt"), str(root / "too-big.txt"),
                     env={"KEHOACH_MAX_UPLOAD_MB": str(len(OTHER.encode()) * 3 / 1e6)})
after = sorted(p.name for p in (root / "plans").iterdir())
rows.append(("batch a.txt + too-big.txt", f"exit {code}, plans {'UNCHANGED' if after == before else 'changed: ' + str(after)}"))

for label, damage in (("non-UTF-8 CURRENT", lambda r: (r / "index" / "CURRENT").write_bytes(b"\xff\xfe gen")),
                      ('manifest "files": []', lambda r: (live(r) / "manifest.json").write_text(
                          json.dumps({**json.loads((live(r) / "manifest.json").read_text()), "files": []})))):
    root = fresh()
    damage(root)
    code, tb, errs = run(root, "info")
    rcode, rtb, _ = run(root, "ingest", "--rebuild")
    rows.append((label, f"info: exit {code}, {'TRACEBACK' if tb else 'one line' if len(errs) == 1 else errs}; "
                        f"--rebuild: exit {rcode}{' TRACEBACK' if rtb else ''}"))

root = fresh()
half = root / "index" / "gen-20250101-000000-deadbeef"
half.mkdir()
(half / "chunks.jsonl").write_text('{"half": ')
run(root, "ingest")
rows.append(("killed ingest's generation, then an ingest with nothing to do",
             "REMAINS" if half.exists() else "removed"))

disk = Path(tempfile.mkdtemp(prefix="h14disk-"))
if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(disk)]).returncode == 0:
    try:
        root = fresh()
        shutil.move(str(root / "index"), str(disk / "index"))
        (root / "index").symlink_to(disk / "index")
        used = sum(p.stat().st_size for p in live(root).iterdir())
        (disk / "filler").write_bytes(b"\0" * (256 * 1024 - 2 * used - 16 * 1024))
        (root / "plans" / "an-hung.txt").write_text(TINY + "2. Hoàn thành trước 30/6/2025.\n" * 60, encoding="utf-8")
        r = CliRunner().invoke(cli, ["--plans-dir", str(root / "plans"), "--index-dir", str(root / "index"), "ingest"])
        gens = len(list((disk / "index").glob("gen-*")))
        kind = "TRACEBACK" if (r.exception and not isinstance(r.exception, SystemExit)) else "one line"
        rows.append(("disk full mid-ingest (256 KB tmpfs)", f"exit {r.exit_code}, {kind}, {gens} generation folders after"))
    finally:
        subprocess.run(["umount", "-l", str(disk)])
else:
    rows.append(("disk full mid-ingest", "not run (cannot mount tmpfs)"))

from kehoach.answer import llm_backends  # noqa: E402
s = Settings.load(answer_mode="generate", llm_model="gpt-4o-mini", llm_base_url="")
try:
    llm_backends.check_llm_settings(s)
    rows.append(("generate, KEHOACH_LLM_MODEL set, no BASE_URL", f"allowed, sends to {llm_backends.describe(s).get('base_url')}"))
except Exception as exc:  # noqa: BLE001
    rows.append(("generate, KEHOACH_LLM_MODEL set, no BASE_URL", f"{type(exc).__name__} (names KEHOACH_LLM_BASE_URL: {'KEHOACH_LLM_BASE_URL' in str(exc)})"))

root = Path(tempfile.mkdtemp(prefix="h14probe-"))
(root / "plans").mkdir()
shutil.copy(AN_HUNG, root / "plans")
run(root, "ingest")
r = CliRunner().invoke(cli, ["--plans-dir", str(root / "plans"), "--index-dir", str(root / "index"), "targets", "--json"])
data = json.loads(r.stdout)
targets = data if isinstance(data, list) else next(v for v in data.values() if isinstance(v, list))
zero = [t for t in targets if t["value"] == 0]
rows.append(("An Hưng plan: target rows with NLB's 0%", f"{len(zero)} of {len(targets)}"))
r = CliRunner().invoke(cli, ["--plans-dir", str(root / "plans"), "--index-dir", str(root / "index"), "units", "--json"])
data = json.loads(r.stdout)
units = data if isinstance(data, list) else next(v for v in data.values() if isinstance(v, list))
rows.append(("An Hưng plan: unit rows 'UBND xã Nguyễn Lương Bằng'",
             f"{sum('Nguyễn Lương Bằng' in u['unit'] for u in units)} of {len(units)}"))

print(f"source: {ROOT}")
for probe, result in rows:
    print(f"| {probe} | {result} |")
