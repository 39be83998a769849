"""Query expansion for retrieval: abbreviations both ways and plan wording for paraphrases.

Officers write "BHYT", plans write "bảo hiểm y tế" (and sometimes the reverse: "BHXH");
officers ask "kéo dài đến khi nào", plans say "thời gian thực hiện ... đến hết". Both the
lexical and the dense search get the extra words. All keys and values are folded.
"""

from __future__ import annotations

import re

from kehoach.core.text import fold

__all__ = ["ABBREVIATIONS", "PARAPHRASES", "expansions", "expand_query", "abbreviation_re", "phrase_re"]

# Abbreviation -> expansion, as officers and plans write them (folded).
ABBREVIATIONS: dict[str, str] = {
    "bhyt": "bao hiem y te",
    "bhxh": "bao hiem xa hoi",
    "bhtn": "bao hiem that nghiep",
    "tthc": "thu tuc hanh chinh",
    "vh-xh": "van hoa - xa hoi",
    "vhxh": "van hoa xa hoi",
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "mttq": "mat tran to quoc",
    "mttqvn": "mat tran to quoc viet nam",
    "ubmttq": "uy ban mat tran to quoc",
    "tdkt": "thi dua khen thuong",
    "ntm": "nong thon moi",
    "kt-xh": "kinh te - xa hoi",
    "ktxh": "kinh te xa hoi",
    "qp-an": "quoc phong - an ninh",
    "gddt": "giao duc dao tao",
    "cntt": "cong nghe thong tin",
    "cds": "chuyen doi so",
    "thcs": "trung hoc co so",
    "thpt": "trung hoc pho thong",
    "dvsn": "don vi su nghiep",
    "ctv": "cong tac vien",
    "ttdu": "thuong truc dang uy",
    "kh": "ke hoach",
    "tp": "thanh pho",
}

# Question paraphrases -> the wording plans use (folded).
PARAPHRASES: dict[str, str] = {
    "keo dai": "thoi gian thuc hien den het",
    "bao lau": "thoi gian thuc hien",
    "den khi nao": "thoi gian thuc hien den het",
    "han chot": "truoc ngay",
    "han nop": "gui bao cao truoc ngay",
    "han gui": "gui truoc ngay",
    "han bao cao": "bao cao truoc ngay",
    "nop bao cao": "gui bao cao",
    "ai ky": "nguoi ky chu tich",
    "nuoc sach": "su dung nuoc sach",
    "rac thai": "chat thai ran thu gom",
    "hanh chinh cong": "thu tuc hanh chinh",
    "ket thuc": "thoi gian thuc hien den het",
}


def abbreviation_re(short: str) -> re.Pattern[str]:
    """Matches an abbreviation as a whole word ("bhyt", not inside "bhytx")."""
    return re.compile(rf"(?<![\w-]){re.escape(short)}(?![\w-])")


def phrase_re(phrase: str) -> re.Pattern[str]:
    """Matches a phrase as whole words ("ai ky", not inside "tại kỳ họp")."""
    return re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")


def expansions(folded: str) -> list[str]:
    """Extra search words for a folded query: the expansion of each abbreviation, the
    abbreviation of each expansion, the plans' wording for known paraphrases."""
    extra = []
    for short, long in ABBREVIATIONS.items():
        if abbreviation_re(short).search(folded):
            extra.append(long)
        elif len(short) > 2 and long in folded:
            extra.append(short)
    for phrase, plan_words in PARAPHRASES.items():
        if phrase_re(phrase).search(folded):
            extra.append(plan_words)
    return extra


def expand_query(query: str) -> str:
    """The query followed by its expansions."""
    return " ".join([query.strip(), *expansions(fold(query))])
