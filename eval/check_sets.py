#!/usr/bin/env python3
"""Consistency check for the generated evaluation sets (standard library only).

Usage:  python3 eval/check_sets.py [split_dir ...]
        (default: eval/gen-dev and eval/gen-test next to this file)

For every answerable question, every `expect` group must have at least one
alternative that occurs in at least one of the question's `docs` after folding:
lower case, Unicode NFD with combining marks removed, đ -> d.  Runs of
whitespace are also collapsed to one space on both sides, because the copied
plan texts keep the web page's line breaks (e.g. "ngày 17\\ntháng 5 năm 2023");
the script reports separately how many groups match only thanks to that.

It also checks the record format, ids, kinds, that unanswerable questions have
no docs/expect, that every plan exists, is UTF-8 NFC and is asked 2-5 times,
and that the splits share no plan.  Exit status 1 if anything fails.
"""
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

FIELDS = ["id", "question", "answerable", "docs", "expect", "kind"]
KINDS = {"target", "deadline", "responsible", "metadata", "reference", "unanswerable"}
PREFIX = {"gen-dev": "gd", "gen-test": "gt", "tune-mixed": "tm", "tune-sites": "ts", "tune-local": "tl",
          "tune-districts": "td"}


def fold(s, collapse=True):
    s = unicodedata.normalize("NFD", s.lower())
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    s = s.replace("đ", "d").replace("Đ", "d")
    if collapse:
        s = re.sub(r"\s+", " ", s)
    return s


def has_diacritics(s):
    return fold(s, collapse=False) != s.lower() or "đ" in s.lower()


def check_split(d):
    d = Path(d)
    errors, notes = [], []
    plans = {p.stem: p.read_text(encoding="utf-8") for p in sorted((d / "plans").glob("*.txt"))}
    for name, text in plans.items():
        if not unicodedata.is_normalized("NFC", text):
            errors.append(f"{name}: not NFC")
        if not re.fullmatch(r"[a-z0-9-]+_[a-z0-9-]+", name):
            errors.append(f"{name}: bad slug")
    folded = {k: fold(v) for k, v in plans.items()}
    strict = {k: fold(v, collapse=False) for k, v in plans.items()}
    prefix = PREFIX.get(d.name, "")
    rows, ids = [], set()
    for n, line in enumerate((d / "questions.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        q = json.loads(line)
        rows.append(q)
        if list(q.keys()) != FIELDS:
            errors.append(f"line {n}: fields {list(q.keys())}")
        if q["id"] in ids:
            errors.append(f"{q['id']}: duplicate id")
        ids.add(q["id"])
        if prefix and not re.fullmatch(prefix + r"\d{3}", q["id"]):
            errors.append(f"{q['id']}: id should look like {prefix}001")
        if q["kind"] not in KINDS:
            errors.append(f"{q['id']}: bad kind {q['kind']}")
        if not q["answerable"]:
            if q["docs"] or q["expect"] or q["kind"] != "unanswerable":
                errors.append(f"{q['id']}: unanswerable must have docs=[], expect=[], kind=unanswerable")
            continue
        if q["kind"] == "unanswerable" or not q["docs"] or not q["expect"]:
            errors.append(f"{q['id']}: answerable needs docs, expect and a non-unanswerable kind")
        for doc in q["docs"]:
            if doc not in plans:
                errors.append(f"{q['id']}: unknown doc {doc}")
        for group in q["expect"]:
            if not group:
                errors.append(f"{q['id']}: empty expect group")
                continue
            ok = any(fold(alt) in folded.get(doc, "") for alt in group for doc in q["docs"])
            ok_strict = any(fold(alt, False) in strict.get(doc, "") for alt in group for doc in q["docs"])
            if not ok:
                errors.append(f"{q['id']}: no alternative of {group} found in {q['docs']}")
            elif not ok_strict:
                notes.append(f"{q['id']}: {group} matches only after whitespace collapse")
    per_plan = Counter(doc for q in rows if q["answerable"] for doc in q["docs"])
    for name in plans:
        c = per_plan.get(name, 0)
        if not 2 <= c <= 5:
            errors.append(f"{name}: {c} questions (want 2-5)")
    kinds = Counter(q["kind"] for q in rows)
    unans = sum(1 for q in rows if not q["answerable"])
    plain = sum(1 for q in rows if not has_diacritics(q["question"]))
    print(f"== {d}")
    print(f"plans: {len(plans)}  questions: {len(rows)}  answerable: {len(rows) - unans}  unanswerable: {unans} ({unans / max(len(rows), 1):.1%})")
    print("by kind: " + ", ".join(f"{k}={kinds[k]}" for k in sorted(kinds)))
    print(f"typed without diacritics: {plain} ({plain / max(len(rows), 1):.1%})")
    print(f"expect groups checked: {sum(len(q['expect']) for q in rows if q['answerable'])}; whitespace-only matches: {len(notes)}")
    for m in notes:
        print("  note:", m)
    for e in errors:
        print("  ERROR:", e)
    print("result:", "OK" if not errors else f"{len(errors)} error(s)")
    return plans, errors


def main(argv):
    here = Path(__file__).resolve().parent
    dirs = argv or [str(here / "gen-dev"), str(here / "gen-test")]
    seen, total = {}, 0
    for d in dirs:
        plans, errors = check_split(d)
        total += len(errors)
        for name, text in plans.items():
            key = fold(text)
            if name in seen or key in seen.values():
                print(f"ERROR: plan {name} appears in more than one split")
                total += 1
            seen[name] = key
    print("ALL OK" if total == 0 else f"FAILED with {total} error(s)")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
