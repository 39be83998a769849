"""A synthetic corpus of N plans made by perturbing the five real ones, for scale tests.

Each synthetic plan is a real plan with its locality renamed (a name from the Hải Phòng
reference list, else an invented two-syllable name), its figures, dates and plan number
changed. The five real plans are kept as they are, so the dev questions still have their
answers in the large corpus. Deterministic for a given seed.

    python benchmarks/synthetic.py /work/cache/synthetic-1000/plans --plans 1000
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kehoach.grammar.gazetteer import gazetteer  # noqa: E402
from kehoach.core.text import fold, fold_aligned  # noqa: E402

__all__ = ["make_corpus", "invented_names", "BASES"]

PLANS_DIR = ROOT / "data" / "plans"
# Base plan -> (kind, folded pattern of its locality name: OCR'd plans spell it loosely).
BASES: dict[str, tuple[str, str]] = {
    "cam-giang_ke-hoach-dot-thi-dua-2025": ("xã", r"cam\s+giang"),
    "kien-an_ke-hoach-dot-thi-dua-2025": ("phường", r"kien\s+an"),
    "nguyen-luong-bang_ke-hoach-23-thi-dua-khen-thuong-2025": ("xã", r"nguyen\s+luong\s+bang"),
    "nguyen-luong-bang_ke-hoach-dot-thi-dua-2025": ("xã", r"nguyen\s+luong\s+bang"),
    "thach-khoi_ke-hoach-50-dot-thi-dua-2025": ("phường", r"thach\s+kh\w{1,3}i?"),
}
# Syllables for invented place names (two of them make a name).
_SYLLABLES = ("Bình", "Hòa", "Tân", "Phú", "Hưng", "Thịnh", "Long", "Trung", "Thành", "Minh",
              "Quang", "Vĩnh", "Xuân", "Thuận", "Đức", "Phúc", "Lộc", "Thọ", "Khánh", "Lạc",
              "Tiến", "Thắng", "Sơn", "Giang", "Lâm", "Châu", "Mỹ", "Yên", "Cát", "Định",
              "Kim", "Ngọc", "Bảo", "Hiệp", "Nghĩa", "Đạt", "Quý", "Trường", "Thạnh", "Diên")
_PERCENT_RE = re.compile(r"\b(\d{1,3})(?:[.,]\d{1,2})?(\s?%)")
_THOUSANDS_RE = re.compile(r"\b\d{1,3}(?:\.\d{3})+\b")
_DATE_RE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(20\d\d)\b")
_NUMBER_RE = re.compile(r"(S[ốo6]\s*:\s*)(\d{1,4})(\s*/\s*KH)")
# A signature stamp in capitals ("ỦY BAN NHÂN DÂN XÃ ... <mail> đã ký"): written in normal
# case so the issuer pattern finds an invented name the reference list does not know.
_STAMP_RE = re.compile(r"ỦY BAN NHÂN DÂN (XÃ|PHƯỜNG) ([^<\n]+?)\s*<")


def _hai_phong_communes() -> tuple:
    """The current communes and wards of Hải Phòng (the bundled plans' city), from the
    national gazetteer."""
    g = gazetteer()
    city = g.lookup("Hải Phòng", level=1, era="current")[0]
    return tuple(g.children(city))


def invented_names(count: int, avoid: set[str], seed: int = 7) -> list[str]:
    """``count`` distinct two-syllable names whose folded form is in none of ``avoid``
    (texts the names must not occur in, so a name is never an ordinary phrase)."""
    rng = random.Random(seed)
    pairs = [f"{a} {b}" for a in _SYLLABLES for b in _SYLLABLES if a != b]
    rng.shuffle(pairs)
    taken = {unit.key for unit in _hai_phong_communes()}
    names: list[str] = []
    for name in pairs:
        key = fold(name)
        if key in taken or any(re.search(rf"(?<!\w){key}(?!\w)", text) for text in avoid):
            continue
        taken.add(key)
        names.append(name)
        if len(names) == count:
            return names
    raise ValueError(f"only {len(names)} invented names available, {count} asked")


def _rename(text: str, pattern: str, name: str) -> str:
    folded = fold_aligned(text)
    parts, last = [], 0
    for match in re.finditer(rf"(?<!\w){pattern}(?!\w)", folded):
        original = text[match.start():match.end()]
        parts += [text[last:match.start()], name.upper() if original.isupper() else name]
        last = match.end()
    return "".join(parts + [text[last:]])


def _perturb(text: str, rng: random.Random) -> str:
    def percent(m: re.Match[str]) -> str:
        value = int(m.group(1))
        new = rng.randint(max(1, value - 20), min(100, value + 5)) if value <= 100 else value
        return f"{new}{m.group(2)}"

    def thousands(m: re.Match[str]) -> str:
        value = int(m.group(0).replace(".", ""))
        return f"{int(value * rng.uniform(0.6, 1.6)):,}".replace(",", ".")

    def date(m: re.Match[str]) -> str:
        return f"{rng.randint(1, 28)}/{m.group(2)}/{m.group(3)}"

    def number(m: re.Match[str]) -> str:
        return f"{m.group(1)}{rng.randint(1, 400)}{m.group(3)}"

    text = _PERCENT_RE.sub(percent, text)
    text = _THOUSANDS_RE.sub(thousands, text)
    text = _DATE_RE.sub(date, text)
    return _NUMBER_RE.sub(number, text)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


def make_corpus(out: Path, plans: int, seed: int = 2025) -> list[Path]:
    """Write the 5 real plans and ``plans - 5`` synthetic ones into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    bases = {doc: (PLANS_DIR / f"{doc}.txt").read_text(encoding="utf-8") for doc in BASES}
    written = []
    for doc in sorted(bases)[:plans]:
        written.append(Path(shutil.copy(PLANS_DIR / f"{doc}.txt", out / f"{doc}.txt")))
    real_keys = {fold(n) for n in ("Cẩm Giang", "Cẩm Giàng", "Kiến An", "Nguyễn Lương Bằng",
                                   "Thạch Khôi")}
    pools = {kind: [u.name for u in _hai_phong_communes() if u.kind == kind and u.key not in real_keys]
             for kind in ("xã", "phường")}
    needed = max(0, plans - len(written))
    avoid = {fold(t) for t in bases.values()}
    invented = invented_names(needed, avoid, seed)
    rng = random.Random(seed)
    order = sorted(bases)
    for i in range(needed):
        base = order[i % len(order)]
        kind, pattern = BASES[base]
        # A real name of the same kind while there are some, then invented names.
        name = pools[kind].pop(0) if pools[kind] else invented.pop(0)
        text = _perturb(_rename(bases[base], pattern, name), rng)
        text = _STAMP_RE.sub(lambda m: f"Ủy ban nhân dân {m.group(1).lower()} {name} <", text)
        path = out / f"syn-{i + 1:04d}_{_slug(name)}_{base.split('_', 1)[1]}.txt"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()
    files = make_corpus(args.out, args.plans, args.seed)
    print(f"{len(files)} plans in {args.out}")


if __name__ == "__main__":
    main()
