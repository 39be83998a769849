"""Build the hostile plan files of issue 14 (small files, huge cost) and probe them.

Builders are shared with tests/test_limits.py. Run as a script to print the probe table:
each bomb goes through ``kehoach ingest`` in a child process (fresh plans/index folders,
time and peak RSS measured in the child, a 60 s timeout and an address-space cap so a
bomb cannot take the shared machine down):

    .venv/bin/python benchmarks/hostile_files.py       # PROBE_ONLY=name,... for some
    PYTHONPATH=<folder with kehoach -> an older checkout> ...   # the same probes, older code
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from pathlib import Path

__all__ = ["docx_inflating", "pdf_huge_page", "docx_many_paragraphs", "txt_long_sentence",
           "pdf_many_pages", "pdf_many_scanned_pages", "pdf_heavy_page", "BOMBS", "run_ingest"]

_DOCX_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
              '<w:body>')
_DOCX_TAIL = '<w:sectPr/></w:body></w:document>'
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
_SENTENCE = "Ủy ban nhân dân xã tăng cường công tác tuyên truyền, vận động nhân dân tham gia "


def _paragraph(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def _docx(path: Path, body_pieces) -> Path:  # type: ignore[no-untyped-def]
    """A minimal valid DOCX whose document.xml is streamed from ``body_pieces``."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(_DOCX_HEAD.encode())
            for piece in body_pieces:
                part.write(piece.encode())
            part.write(_DOCX_TAIL.encode())
    return path


def docx_inflating(path: Path, megabytes: float = 1000) -> Path:
    """A DOCX of about 1 MB whose XML inflates to ``megabytes`` (a run of spaces)."""
    block = " " * 1_000_000

    def pieces():  # type: ignore[no-untyped-def]
        yield '<w:p><w:r><w:t xml:space="preserve">Kế hoạch'
        for _ in range(int(megabytes)):
            yield block
        yield " " * round((megabytes - int(megabytes)) * 1_000_000)
        yield "triển khai công tác năm 2025"
        yield '</w:t></w:r></w:p>'
    return _docx(path, pieces())


def docx_many_paragraphs(path: Path, count: int = 9000) -> Path:
    """A DOCX of ~50 kB holding ``count`` paragraphs of ~400 characters: repeated text
    compresses to almost nothing, and each paragraph is a chunk (hours to embed)."""
    body = (_SENTENCE * 5)[:400]
    return _docx(path, (_paragraph(f"{i}. {body}.") for i in range(1, count + 1)))


def txt_long_sentence(path: Path, chars: int = 236_000) -> Path:
    """A plan whose body is one sentence of ``chars`` characters with no full stop."""
    body = (_SENTENCE * (chars // len(_SENTENCE) + 1))[:chars]
    path.write_text("KẾ HOẠCH\nTriển khai công tác năm 2025\n" + body + "\n", encoding="utf-8")
    return path


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _pdf(path: Path, pages: int, size_pt: float, content: bytes, deflate: bool = False) -> Path:
    """A PDF of ``pages`` pages of ``size_pt`` square sharing one content stream."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{5 + i} 0 R" for i in range(pages)).encode()
    objects.append(b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages)
    data = zlib.compress(content, 9) if deflate else content
    flate = b" /Filter /FlateDecode" if deflate else b""
    objects.append(b"<< /Length %d%s >>\nstream\n" % (len(data), flate) + data + b"\nendstream")
    objects.append(_FONT)
    for _ in range(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %g %g] /Contents 3 0 R "
                       b"/Resources << /Font << /F1 4 0 R >> >> >>" % (size_pt, size_pt))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


# A black bar: ink without a text layer, so the page goes to OCR.
_INK = b"0 g 72 72 400 40 re f"


def pdf_huge_page(path: Path) -> Path:
    """A PDF of a few hundred bytes with one 14,400 x 14,400 pt page (5 m wide) of ink."""
    return _pdf(path, 1, 14_400, b"0 g 100 100 14000 300 re f")


def pdf_many_pages(path: Path, pages: int = 5000) -> Path:
    """A PDF of ``pages`` A4 pages (one shared content stream: a few hundred kB)."""
    return _pdf(path, pages, 595, b"BT /F1 12 Tf 72 720 Td (Trang) Tj ET")


def pdf_heavy_page(path: Path, operators: int = 1_000_000) -> Path:
    """A PDF of ~12 kB whose one page draws ``operators`` text pieces (8 MB once inflated:
    over a minute of text extraction)."""
    return _pdf(path, 1, 595, b"BT /F1 12 Tf 72 720 Td " + b"(Ke) Tj " * operators + b"ET",
                deflate=True)


def pdf_many_scanned_pages(path: Path, pages: int = 200) -> Path:
    """A PDF of ``pages`` A4 pages with ink and no text: each one would be OCR'd (~2 s)."""
    return _pdf(path, pages, 595, _INK)


BOMBS = {
    "docx_inflate_1GB.docx": docx_inflating,
    "pdf_huge_page.pdf": pdf_huge_page,
    "docx_many_paragraphs.docx": docx_many_paragraphs,
    "txt_long_sentence.txt": txt_long_sentence,
    "pdf_5000_pages.pdf": pdf_many_pages,
    "pdf_200_scanned_pages.pdf": pdf_many_scanned_pages,
    "pdf_heavy_page.pdf": pdf_heavy_page,
}

_CHILD = r"""
import resource, sys, time
from kehoach.cli import cli
started = time.perf_counter()
code = 0
try:
    cli([*sys.argv[2:], sys.argv[1]], prog_name="kehoach")
except SystemExit as exc:
    code = exc.code or 0
except BaseException as exc:
    code = repr(exc)[:200]
# Peak RSS of this process image: VmHWM. (ru_maxrss of RUSAGE_SELF is not: Linux carries
# the parent's high-water mark across fork and exec, so a child of a 1 GB pytest says 1 GB.)
peak_kb = next((int(line.split()[1]) for line in open("/proc/self/status")
                if line.startswith("VmHWM:")), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
print("PROBE", time.perf_counter() - started, peak_kb, code, flush=True)
"""


def run_ingest(bomb: Path, plans: Path, index: Path, timeout: float = 60.0,
               cap_bytes: int | None = None, python: str = sys.executable,
               args: tuple[str, ...] = ("ingest",)) -> dict:
    """``kehoach ingest bomb`` in a child: seconds, peak RSS (MB), exit code, stderr tail."""
    env = dict(os.environ, KEHOACH_PLANS_DIR=str(plans), KEHOACH_INDEX_DIR=str(index))
    prefix = ["prlimit", f"--as={cap_bytes}"] if cap_bytes else []
    started = time.perf_counter()
    try:
        done = subprocess.run([*prefix, python, "-c", _CHILD, str(bomb), *args], capture_output=True,
                              text=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return {"seconds": time.perf_counter() - started, "peak_mb": None, "code": "timeout",
                "stderr": ""}
    probe = [line for line in done.stdout.splitlines() if line.startswith("PROBE ")]
    if not probe:
        return {"seconds": time.perf_counter() - started, "peak_mb": None,
                "code": f"died rc={done.returncode}", "stderr": done.stderr[-300:]}
    _, seconds, rss_kb, code = probe[-1].split(" ", 3)
    return {"seconds": float(seconds), "peak_mb": int(rss_kb) / 1024, "code": code,
            "stderr": done.stderr.strip().splitlines()[-1:] if done.stderr.strip() else []}


def main() -> None:
    cap = int(float(os.environ.get("PROBE_CAP_GB", "3")) * 1e9)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        only = set(filter(None, os.environ.get("PROBE_ONLY", "").split(",")))
        for name, build in BOMBS.items():
            if only and name not in only:
                continue
            bomb = build(root / name)
            plans, index = root / f"plans-{name}", root / f"index-{name}"
            plans.mkdir()
            result = run_ingest(bomb, plans, index, cap_bytes=cap)
            result.update(file=name, bytes=bomb.stat().st_size,
                          plans_after=sorted(p.name for p in plans.iterdir()))
            print(json.dumps(result, ensure_ascii=False), flush=True)
        # A 100 KB question against an index of one short plan (built first, not timed).
        small = Path(os.environ.get("PROBE_SMALL_PLAN", "/work/shared/corpus-other-provinces/"
                                    "lang-son_ke-hoach-51-giam-ngheo-2024.txt"))
        if small.is_file() and (not only or "question_100KB" in only):
            plans, index = root / "plans-question", root / "index-question"
            plans.mkdir()
            (plans / small.name).write_bytes(small.read_bytes())
            run_ingest(plans / small.name, plans, index, timeout=300)
            question = "Chỉ tiêu BHYT của xã Nguyễn Lương Bằng là bao nhiêu? " * 1500  # ~100 KB (UTF-8)
            result = run_ingest(Path(question), plans, index, timeout=300, cap_bytes=cap,
                                args=("ask",))
            result.update(file="question_100KB", bytes=len(question.encode()))
            print(json.dumps(result, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
