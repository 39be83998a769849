"""How a plan names the theme or slogan of its campaign, and how a question asks for it.

A campaign plan gives its theme as a labelled quotation: "Chủ đề thi đua: “Đoàn kết - kỷ
cương - đổi mới …”", "với chủ đề “Chuyển đổi số …”", "Khẩu hiệu: …", "thông điệp
“5K”". The label alone is no theme ("lựa chọn chủ đề thi đua tiêu biểu" asks units to pick
one): a colon or an opening quote must follow it within a few words.
"""

from __future__ import annotations

import re

from kehoach.core.text import fold

__all__ = ["THEME_WORDS_RE", "states_theme", "names_theme", "without_theme_words"]

# The labels (folded): the theme, the slogan, the message of a campaign.
THEME_WORDS_RE = re.compile(r"(?<![a-z])(?:chu de|khau hieu|thong diep)(?![a-z])")
# After the label, before its quotation: a few words ("thi đua năm 2025", "của đợt"), never
# the end of a sentence or clause.
_LEAD_GAP = r"[^.;:!?\n“”\"«»]{0,60}?"
_QUOTE_OPEN = "“\"«'‘"
_THEME_RE = re.compile(rf"{THEME_WORDS_RE.pattern}{_LEAD_GAP}\s*(?::|(?:\bla\s*)?[{_QUOTE_OPEN}])")


def states_theme(text: str) -> bool:
    """Does ``text`` give a campaign's theme, slogan or message ("Chủ đề thi đua: “…”")?"""
    return _THEME_RE.search(fold(text)) is not None


def names_theme(folded: str) -> bool:
    """Does a (folded) question name a theme, slogan or message ("chủ đề thi đua là gì")?"""
    return THEME_WORDS_RE.search(folded) is not None


# How a question asks for the theme ("mang chủ đề gì", "chọn khẩu hiệu nào", "chủ đề là
# gì"): the kind of answer, no topic a sentence must repeat.
_ASK_RE = re.compile(r"(?<![a-z])(?:(?:mang|chon|lua chon|co|voi|theo|dat|de ra|neu)\s+)?"
                     rf"{THEME_WORDS_RE.pattern}(?:\s+(?:la|gi|nao|ra sao))*(?![a-z])")


def without_theme_words(folded: str) -> str:
    """A (folded) theme question's topic less the words asking for the theme; the campaign
    or plan it is asked of is what is left ("chủ đề của đợt thi đua là gì" -> "của đợt thi
    đua")."""
    return " ".join(_ASK_RE.sub(" ", folded).split())
