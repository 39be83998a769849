"""The OCR repair step of ingest: which plans and paragraphs to repair, and how.

A plan is repaired when its damage score says it was OCR'd. Inside such a plan, a
paragraph that is already proper Vietnamese (a digital-signature line, a typed note) goes
through the gentle "clean" channel so it is not "corrected" into something else. The
plan's own locality name is then written the way the reference list spells it, since a
proper name is what statistics from other text know least.
"""

from __future__ import annotations

import re
import unicodedata

from kehoach.grammar.localities import detect_plan_locality
from kehoach.ingest.ocr_repair import (DAMAGE_THRESHOLD, detect_ocr_damage, needs_repair, repair_text,
                                       strip_markup)
from kehoach.core.text import fold_aligned, syllables

__all__ = ["repair_paragraphs"]

# A paragraph where at least this share of syllables carry Vietnamese marks is not OCR'd.
_ACCENTED_SHARE = 0.35


def _accented_share(text: str) -> float:
    words = re.findall(r"[^\W\d_]+", strip_markup(text))
    if not words:
        return 0.0
    marked = sum(
        any(unicodedata.combining(c) or c in "đĐ" for c in unicodedata.normalize("NFD", w))
        for w in words
    )
    return marked / len(words)


def _looks_clean(text: str) -> bool:
    return detect_ocr_damage(text) < DAMAGE_THRESHOLD and _accented_share(text) >= _ACCENTED_SHARE


def _snap_name(text: str, name: str) -> str:
    """Write every folded occurrence of ``name`` in ``text`` with the canonical spelling."""
    folded = fold_aligned(text)
    key = " ".join(syllables(name))
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, key.split())) + r"(?!\w)")
    pieces, cursor = [], 0
    for match in pattern.finditer(folded):
        original = text[match.start():match.end()]
        replacement = name.upper() if original.isupper() else name
        pieces.extend([text[cursor:match.start()], replacement])
        cursor = match.end()
    pieces.append(text[cursor:])
    return "".join(pieces)


def repair_paragraphs(raws: list[str], recognised: bool = False) -> list[str] | None:
    """Repaired paragraphs of an OCR'd plan, or None when the plan needs no repair.

    ``recognised``: the text is known to come from OCR (a scanned PDF read by tesseract).
    Tesseract keeps diacritics but now and then picks the wrong tone or vowel mark
    ("thi" -> "thí"), which neither the damage score nor the "looks clean" test can see,
    so every paragraph then goes through tesseract's own channel.
    """
    whole = "\n".join(raws)
    if not recognised and not needs_repair(whole):
        return None
    repaired = [repair_text(t, damaged=recognised or not _looks_clean(t), recognised=recognised).text
                for t in raws]
    found = detect_plan_locality(whole)
    if found:
        name = found[0].name
        repaired = [_snap_name(t, name) for t in repaired]
    return repaired
