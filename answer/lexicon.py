"""Vocabulary of plan questions: abbreviations, question words, unit words (all folded).

Kept in one place so query understanding and answer selection agree. Everything here is
about the *kind* of question and the language of plans, never about a particular plan.
"""

from __future__ import annotations

from kehoach.grammar.abbreviations import ABBREVIATIONS
from kehoach.index.query_expansion import PARAPHRASES

__all__ = [
    "ABBREVIATIONS",
    "QUESTION_PHRASES",
    "STOP_SYLLABLES",
    "GENERIC_TERMS",
    "GENERIC_WEIGHT",
    "UNIT_HEADS",
    "ACCENTED_UNIT_HEADS",
    "PARAPHRASES",
    "NAMED_CONCEPTS",
]

# Abbreviated concepts an answer must name whole (keys of ABBREVIATIONS): a question about
# "bảo hiểm y tế" is not answered by a sentence about "bảo hiểm xã hội".
NAMED_CONCEPTS: tuple[str, ...] = (
    "bhyt", "bhxh", "bhtn", "tthc", "ntm", "thcs", "thpt", "cds", "cntt", "gddt",
)


# Question wording that carries no topic (removed before picking topic terms).
QUESTION_PHRASES: tuple[str, ...] = (
    "la bao nhieu", "bao nhieu phan tram", "bao nhieu", "nhu the nao", "the nao",
    "khi nao", "luc nao", "bao gio", "ngay nao", "nam nao", "thang nao", "den ngay nao",
    "don vi nao", "co quan nao", "bo phan nao", "phong nao", "ban nao", "so nao", "nganh nao",
    "trung tam nao", "ban chi dao nao", "ban chi huy nao", "luc luong nao", "cap nao",
    "nhung gi", "co tat ca", "tat ca", "tong cong",  # "có tất cả bao nhiêu": a total, no topic
    "mang so hieu",  # "kế hoạch … mang số hiệu gì": its number, no topic
    "la gi", "gom nhung", "hay cho biet", "cho biet", "cho toi biet", "xin hoi",
    "nho tra giup", "tra giup", "giup toi", "lam on", "vui long", "cho toi xin", "xin cho biet",
    "phai lam gi", "lam gi", "o dau", "la ai", "thi sao", "the con", "ai", "gi", "nao", "may",
)

# Syllables too common to signal a topic (folded).
STOP_SYLLABLES: frozenset[str] = frozenset(
    "la cua cho va voi cac nhung mot trong tren duoi theo de do nay kia ma co khong "
    "duoc bi se da dang phai can hay hoac ve tai tu den ra vao nhu the nao gi ai may "
    # "ở" is "tại" ("Ở Bắc Ninh, sở nào …"): where, never what.
    "phuong o".split()
)

# Words every plan uses: they still count, but little.
GENERIC_TERMS: frozenset[str] = frozenset(
    "chi tieu ty le muc tieu phan dau dat ke hoach thi dua nam hang hoan thanh thuc hien "
    "trien khai dot dia ban dam bao tren chu tri".split()
)
GENERIC_WEIGHT = 0.3

# Words that start the name of a responsible unit (folded).
UNIT_HEADS: tuple[str, ...] = (
    "phong", "ban", "trung tam", "van phong", "uy ban", "ubnd", "ubmttq", "hoi dong",
    "cong an", "dang uy", "mat tran", "hoi", "doan", "to dan pho", "thu truong",
    "cac co quan", "cac phong", "chu tich", "tram y te", "truong", "quan su",
    "cac khoi", "khoi thi dua", "cum thi dua", "cac don vi",
    # Bodies of a province or the state: "Sở Y tế", "Bộ Nội vụ", "Cục Thống kê",
    # "Ban Chỉ đạo …", "Bảo hiểm xã hội tỉnh", "Bộ Chỉ huy Quân sự tỉnh".
    "so", "bo", "cuc", "chi cuc", "tong cuc", "bao hiem xa hoi", "kho bac", "lien doan lao dong",
    "ban chi huy", "ban chi dao", "ban thuong vu", "ban quan ly", "ban tuyen giao", "ban dan van",
    "cac so", "cac bo",
)
# Unit words whose folded form is also an ordinary word ("số", "bỏ"): a unit only when
# written with its own accents ("Sở", "Bộ", "Cục").
ACCENTED_UNIT_HEADS: dict[str, str] = {"so": "sở", "bo": "bộ", "cuc": "cục", "cac so": "các sở",
                                       "cac bo": "các bộ"}

