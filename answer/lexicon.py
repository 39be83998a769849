"""Vocabulary of plan questions: abbreviations, question words, unit words (all folded).

Kept in one place so query understanding and answer selection agree. Everything here is
about the *kind* of question and the language of plans, never about a particular plan.
"""

from __future__ import annotations

__all__ = [
    "ABBREVIATIONS",
    "QUESTION_PHRASES",
    "STOP_SYLLABLES",
    "GENERIC_TERMS",
    "GENERIC_WEIGHT",
    "UNIT_HEADS",
    "PARAPHRASES",
]

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

# Question wording that carries no topic (removed before picking topic terms).
QUESTION_PHRASES: tuple[str, ...] = (
    "la bao nhieu", "bao nhieu phan tram", "bao nhieu", "nhu the nao", "the nao",
    "khi nao", "luc nao", "bao gio", "ngay nao", "nam nao", "thang nao", "den ngay nao",
    "don vi nao", "co quan nao", "bo phan nao", "phong nao", "ban nao", "nhung gi",
    "la gi", "gom nhung", "hay cho biet", "cho biet", "cho toi biet", "xin hoi",
    "phai lam gi", "lam gi", "o dau", "la ai", "ai", "gi", "nao", "may",
)

# Syllables too common to signal a topic (folded).
STOP_SYLLABLES: frozenset[str] = frozenset(
    "la cua cho va voi cac nhung mot trong tren duoi theo de do nay kia ma co khong "
    "duoc bi se da dang phai can hay hoac ve tai tu den ra vao nhu the nao gi ai may "
    "phuong".split()
)

# Words every plan uses: they still count, but little.
GENERIC_TERMS: frozenset[str] = frozenset(
    "chi tieu ty le muc tieu phan dau dat ke hoach thi dua nam hang hoan thanh thuc hien "
    "trien khai dot dia ban dam bao tren".split()
)
GENERIC_WEIGHT = 0.3

# Words that start the name of a responsible unit (folded).
UNIT_HEADS: tuple[str, ...] = (
    "phong", "ban", "trung tam", "van phong", "uy ban", "ubnd", "ubmttq", "hoi dong",
    "cong an", "dang uy", "mat tran", "hoi", "doan", "to dan pho", "thu truong",
    "cac co quan", "cac phong", "chu tich", "tram y te", "truong", "quan su",
)

# Question paraphrases -> the wording plans use (folded), added to the query.
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
}
