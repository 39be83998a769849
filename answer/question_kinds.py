"""What a question asks for, read from its wording (folded, abbreviations spelled out).

Two families:
- the plan itself (its fields: number, issue date, signer, issuing body, the plan it
  implements): several may be asked at once ("số và ngày ban hành", "ai ký, ngày nào");
- its content: a document it cites, a comparison across localities, the unit responsible,
  a deadline or time frame, a target figure, the tasks of a unit.

Only the kind of question is read here, never its topic: "ký ngày mấy" asks a date even
though "mấy" usually asks a figure, and "quyết định số mấy" asks a cited document, not
the plan's own number.
"""

from __future__ import annotations

import re

__all__ = ["FIELDS", "DOC_TYPES", "plan_fields", "asks_plan_issue_day", "content_kind", "cited_doc_type", "asks_goal",
           "cited_subject", "cited_issuer", "cited_day_type", "asks_end", "asks_due", "asks_posted",
           "issuing_doc_type", "asks_effect"]

# Plan fields, in the order an answer gives them.
FIELDS = ("number", "issue_date", "signer", "issuer", "parent", "period")

# Document types a plan cites (folded), as officers name them in questions.
DOC_TYPES = ("nghi quyet", "chi thi", "quyet dinh", "thong tu", "nghi dinh", "luat", "cong van",
             "ket luan", "thong bao", "huong dan", "de an", "chuong trinh", "chien luoc",
             "to trinh", "phuong an", "ke hoach", "van ban")
_DOC_TYPE_RE = "|".join(DOC_TYPES)
# "nghị quyết HĐND nào", "quyết định của UBND tỉnh nào", "chỉ thị Thủ tướng nào": a type
# with the body that issues it, then "nào" (spelled out: "hoi dong nhan dan").
_ISSUED_TYPES = "nghi quyet|chi thi|quyet dinh|thong tu|nghi dinh|cong van|ket luan|thong bao"
_ISSUING_BODY = (r"(?:hoi dong nhan dan|uy ban nhan dan|tinh uy|thanh uy|huyen uy|dang uy|chinh phu"
                 r"|quoc hoi|thu tuong|bo chinh tri|ban bi thu|trung uong|bo [^\W\d]+)(?: [^\W\d]+){0,3}")
_WHICH = r"(?:may|nao|gi|bao nhieu)"
# Types a plan implements or rests on but never is (the kế hoạch, đề án, chương trình it
# implements are its "parent"; see ``_PARENT_RE``).
_RELIED_TYPES = "nghi quyet|chi thi|quyet dinh|thong tu|nghi dinh|cong van|luat|ket luan|thong bao"

# "quyết định số mấy", "nghị quyết nào", "căn cứ văn bản gì", "theo chỉ thị số mấy", and a
# document named before its number is asked: "luật thủy lợi số mấy".
_CITED_RE = re.compile(rf"\b(?P<type>{_DOC_TYPE_RE})(?: (?:so|so hieu|ky hieu))? {_WHICH}\b"
                       rf"|\b(?P<named>{_DOC_TYPE_RE})(?: (?!la\b|dat\b|co\b)[^\W\d]+){{1,4}} "
                       r"(?:so|so hieu|ky hieu) (?:may|nao|gi|bao nhieu)\b"
                       rf"|\b(?P<issued>{_ISSUED_TYPES}) (?:cua )?{_ISSUING_BODY} nao\b"
                       # "KH … thực hiện nghị quyết đại hội Đảng bộ tỉnh lần thứ XI số mấy": the
                       # number asked is the one of the document implemented, named nearest to it
                       # (no number of its own given, no other document named in between).
                       rf"|\b(?:thuc hien|trien khai|can cu|cu the hoa) (?P<relied>{_RELIED_TYPES})\b"
                       rf"(?:(?!\b(?:{_DOC_TYPE_RE})\b)[^\d?]){{0,120}}?"
                       r"\b(?:la )?(?:so|so hieu|ky hieu) (?:may|nao|gi|bao nhieu)\b")
# The plan the question is about implements another plan: "thực hiện kế hoạch số mấy".
_PARENT_RE = re.compile(
    r"(?:thuc hien|trien khai|cu the hoa|de thuc hien|ban hanh (?:de|nham) thuc hien)(?: theo)?"
    rf" (?:ke hoach|kh)(?: so)? {_WHICH}\b|ke hoach (?:cap tren|cua (?:ubnd |uy ban nhan dan )?"
    r"(?:thanh pho|tinh|huyen|quan|thi xa)) (?:nao|so may)")

# "UBND tỉnh X ban hành KH 91 về … ngày nào?": the plan is what was issued, its subject
# between, and the question ends on the day asked; not "… trước / từ / đến ngày nào" (a
# deadline), and a document named in the subject ("KH triển khai kết luận … ngày nào") is
# not the one whose day is asked.
_ISSUED_PLAN_DAY = (r"\b(?:ban hanh|ky) (?:ke hoach|kh)\b[^?]*?(?<!truoc)(?<!den)(?<!tu)(?<!sau)"
                    r"(?<!han) (?:vao )?ngay (?:nao|may)\s*\??\s*$")
_ISSUED_PLAN_DAY_RE = re.compile(_ISSUED_PLAN_DAY)
_WHICH_DAY_RE = re.compile(r"\bngay (?:nao|may|thang nao|thang nam nao)\b")
_FIELD_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern)) for name, pattern in (
        ("issue_date", r"ban hanh (?:vao )?(?:ngay|hom|luc|khi|thoi gian) (?:nao|may|gi)"
                       r"|ngay (?:thang )?ban hanh|ngay ky\b|ban hanh ngay|ngay nao ban hanh"
                       r"|ky (?:vao )?(?:ngay|hom|luc|khi) (?:nao|may)|ky khi nao|ban hanh khi nao"
                       r"|ban hanh (?:vao )?(?:thang|nam) (?:may|nao)|ky (?:vao )?thang (?:may|nao)"
                       # a nghị quyết is adopted ("được thông qua ngày nào"), not signed
                       r"|thong qua (?:vao )?(?:ngay|hom|luc|khi|thang) (?:nao|may)|thong qua khi nao"
                       r"|\bngay (?:nao|may)\b(?=.*\b(?:ban hanh|ky)\b)"
                       # "cho xin số và ngày KH …": both are asked
                       r"|\bso(?: hieu| ky hieu)? (?:va|,) ngay\b|" + _ISSUED_PLAN_DAY),
        ("signer", r"\bai (?:da )?ky\b|nguoi ky|\bky (?:ke hoach|van ban)\b|chu ky|ky boi"
                   r"|do ai ky|(?:nguoi|lanh dao) ky"),
        ("number", r"\bso (?:may|bao nhieu|hieu|ky hieu)\b|co so (?:la )?gi|mang so|so hieu"
                   r"|ky hieu (?:la )?gi|\bso (?:va|,) ngay\b|\bso,? ngay ban hanh"),
        # The years the plan is for, as its title gives them ("giai đoạn 2024 - 2030").
        ("period", r"giai doan (?:thuc hien|ap dung)\b(?! (?:cua|nhiem vu))"
                   r"|\b(?:ke hoach|kh)\b[^?]{0,80}\b(?:cho|trong|thuoc) (?:giai doan|thoi ky) nao"),
        ("issuer", r"\b(?:co quan|don vi|cap|ai|noi) (?:nao )?ban hanh|ban hanh boi|do (?:co quan|"
                   r"don vi|cap) nao(?! (?:chu tri|thuc hien|phu trach|tham muu|to chuc|trien khai|lam"
                   r"|de nghi|trinh|de xuat|xay dung|theo doi|huong dan))|co quan ban hanh"),
    )
)

# Content kinds, in order: the first that matches wins.
_CONTENT_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern)) for kind, pattern in (
        ("compare", r"(?<!ubnd )(?<!nhan dan )\bnhung (?:xa|phuong|dia phuong|noi|tinh|huyen)|(?:xa|phuong|dia phuong|noi"
                    r"|tinh|huyen) nao (?:dat|co|de ra)|so sanh|\bcac (?:xa|phuong|dia phuong|tinh)"
                    r" (?:deu|co|dat)|dia phuong nao|\bcac (?:xa,? phuong|phuong,? xa)\b"
                    r"|\b(?:xa,? phuong|phuong,? xa) nao"),
        ("responsible", r"(?:don vi|co quan|phong|ban|bo phan|to chuc|so|nganh|cap) nao"
                        r"|\b(?:ban chi dao|ban chi huy|trung tam|uy ban|hoi dong|luc luong|to cong tac"
                        r"|doan the|chi cuc|ubnd|uy ban nhan dan) nao"
                        r"|\b(?:gui|nop|bao cao) (?:ket qua )?(?:ve )?dau\b"
                        r"|\b(?:ubnd|uy ban nhan dan) (?:cac |nhung )(?:xa|phuong|huyen|tinh|quan|thi xa|thanh pho) nao"
                        r"|\bai (?:chu tri|phu trach|tham muu|theo doi|chiu trach nhiem|thuc hien"
                        r"|xay dung|lam dau moi|dau moi|de nghi|trinh|huong dan|to chuc)"
                        r"|\bgiao (?:cho )?(?:ai|don vi)|(?:chu tri|phu trach|tham muu|dau moi)"
                        r"(?: la)? (?:ai|don vi nao)|\b(?:la|lam) dau moi\b|chiu trach nhiem chinh"
                        # "lập đoàn gì để kiểm tra": the body set up for it.
                        r"|\b(?:thanh )?lap(?: ra)? (?:doan|to|nhom|hoi dong)\b[^?]{0,20}?\b(?:gi|nao)\b"),
        ("deadline", r"truoc ngay|ngay nao|(?<!dung )(?<!truoc )(?<!qua )\bhan\b|thoi han|khi nao"
                     r"|bao gio|keo dai|bao lau|thoi gian (?:thuc hien|to chuc|trien khai)"
                     r"|den (?:ngay|luc) nao|thang nao|thoi diem nao|tu (?:khi|luc) nao"
                     r"|bat dau tu|giai doan nao|quy nao|thoi gian nao"),
        ("responsible", r"\bai\b"),  # "ai phát động...": after deadline ("hạn nào, ai nộp")
        ("target", r"bao nhieu|chi tieu|ty le|\bti le|muc tieu|phan tram|\bmay\b|nam nao"
                   r"|\bdat (?:muc )?(?:bao|nao)|so luong|\bmuc\b"),
        ("tasks", r"lam gi|nhiem vu (?:gi|nao|cua)|phai lam|trach nhiem (?:gi|cua)"
                  r"|gom nhung (?:gi|viec)|(?:viec|hoat dong) gi"),
    )
)


# "căn cứ vào đâu", "căn cứ pháp lý", "cơ sở pháp lý", "dựa trên văn bản nào": any document
# the plan relies on is asked for.
_BASIS_RE = re.compile(r"\bcan cu (?:vao )?dau\b|\b(?:can cu|co so) phap ly\b"
                       r"|^(?:(?:cho (?:toi|em|minh) )?hoi |xin hoi |cho biet )?van ban (?:nao|gi)\b")
_RELIES_RE = re.compile(r"\b(?:can cu|theo|thuc hien|trien khai|dua (?:tren|vao))\b")


def cited_doc_type(spelled: str) -> str | None:
    """The type of a document the question asks about that the plan cites ("quyết định số
    mấy" -> "quyet dinh"), or None. "Kế hoạch số mấy" is the plan's own number, unless the
    question asks which plan it implements (then it is the "parent" field)."""
    for match in _CITED_RE.finditer(spelled):
        kind = (match.group("type") or match.group("named") or match.group("issued")
                or match.group("relied"))
        if kind == "ke hoach" and not re.search(r"\b(?:can cu|theo)\b", spelled[:match.start()]):
            continue
        if kind == "van ban" and not _RELIES_RE.search(spelled[:match.start()]) and match.start() > 0:
            continue
        return kind
    if _BASIS_RE.search(spelled.strip()):
        return "van ban"
    return None


def plan_fields(spelled: str) -> tuple[str, ...]:
    """The plan fields asked, in ``FIELDS`` order ("số và ngày ban hành" -> number, issue_date)."""
    found = {name for name, pattern in _FIELD_PATTERNS if pattern.search(spelled)}
    if found and _WHICH_DAY_RE.search(spelled):  # "số mấy, ngày nào", "ai ký, ngày nào"
        found.add("issue_date")
    if _PARENT_RE.search(spelled):
        found.add("parent")
        found.discard("number")
    return tuple(name for name in FIELDS if name in found)


def content_kind(spelled: str) -> str:
    """The content kind a question asks for ("general" when none is recognised)."""
    for kind, pattern in _CONTENT_PATTERNS:
        if pattern.search(spelled):
            return kind
    return "general"


def content_kinds_of(spelled: str) -> list[str]:
    """Every content kind the question's words match (a comparison asks one of these)."""
    return [kind for kind, pattern in _CONTENT_PATTERNS if pattern.search(spelled)]


# "Đến khi nào", "kéo dài đến ngày nào", "đến hết ngày nào", "kết thúc khi nào": the end of a
# time is asked, not any date of the topic ("từ ngày nào đến ngày nào" asks the whole frame).
_END_RE = re.compile(r"\b(?:den|toi)(?: het)? (?:ngay|thang|nam|luc|khi|thoi diem|thoi gian) (?:nao|may)\b"
                     r"|\b(?:den|toi)(?: het)? (?:khi nao|bao gio)\b|\bkeo dai (?:den|toi)\b"
                     r"|\bket thuc\b")
_FRAME_RE = re.compile(r"\b(?:tu|bat dau(?: tu)?) (?:ngay|thang|nam|luc|khi|thoi diem) (?:nao|may)\b")


def asks_end(spelled: str) -> bool:
    """Does the question ask when something ends (a due date, a time frame's last day)?"""
    return _END_RE.search(spelled) is not None and _FRAME_RE.search(spelled) is None


# "Hạn báo cáo là ngày nào", "thời hạn", "hạn chót", "trước ngày nào", "chậm nhất": a due date.
_DUE_RE = re.compile(r"(?<!dung )(?<!truoc )(?<!qua )\bhan\b|\bthoi han\b|\btruoc ngay (?:nao|may)\b"
                     r"|\bcham nhat\b")


def asks_due(spelled: str) -> bool:
    """Does the question ask a due date (a dateline "Ngày 03/5, UBND … ban hành" is none)?"""
    return _DUE_RE.search(spelled) is not None


# "Được đăng ngày nào", "ngày đăng tải", "đăng lúc nào": when the page was posted ("đăng
# ký" registers, "đang" is folded alike but never meets "ngày/lúc nào" this way).
_POSTED_RE = re.compile(r"\bdang(?: tai| bai| tin| len)? (?:vao |tu )?(?:ngay|hom|luc|khi|thoi gian) (?:nao|may|bao gio)\b"
                        r"|\bdang (?:khi nao|bao gio|luc nao)\b|\bngay dang(?: tai| bai| tin)?\b")


def asks_posted(folded: str) -> bool:
    """Does the question ask when the text was posted (a page's posting line answers)?"""
    return _POSTED_RE.search(folded) is not None


# "Có hiệu lực từ khi nào", "hiệu lực thi hành": when a document takes effect, which it may
# say by an event ("kể từ ngày ký") rather than by a date.
_EFFECT_RE = re.compile(r"\bhieu luc\b")


def asks_effect(spelled: str) -> bool:
    """Does the question ask when a document takes effect?"""
    return _EFFECT_RE.search(spelled) is not None


# A question about what the plan sets out to reach, not about results so far.
_GOAL_RE = re.compile(r"\b(?:muc tieu|chi tieu|phan dau|de ra|dat ra|dang ky|can dat|phai dat"
                      r"|se dat|den nam|den het nam)\b")


_RESULT_RE = re.compile(r"\b(?:ket qua|da dat|dat duoc|da thuc hien|thuc hien duoc|hien co|hien nay"
                        r"|da hoan thanh|tinh hinh|thuc trang)\b")


def asks_goal(folded: str) -> bool:
    """"Lạng Sơn đặt mục tiêu đến năm 2030 bao nhiêu phần trăm …": a review's figure is
    no answer, however well it matches the topic ("kết quả thực hiện chỉ tiêu" asks for one)."""
    return _GOAL_RE.search(folded) is not None and _RESULT_RE.search(folded) is None


# A question whose subject is a document the plan cites: "Quyết định của Thủ tướng mà KH 130
# thực hiện được ban hành ngày nào?", "Kế hoạch 1799 mà Ninh Thuận căn cứ ..." — the type
# opens the question and a relative clause ("mà … căn cứ / thực hiện / triển khai") says the
# plan cites it; its number or date is asked, not the plan's.
_SUBJECT_RE = re.compile(
    rf"^(?:(?:cho (?:toi|em|minh) )?hoi |xin hoi |cho biet )?(?P<type>{_DOC_TYPE_RE})\b"
    r"(?P<rest>.*?)\b(?P<rel>ma|duoc)\b[^?]*?\b(?:can cu|thuc hien|trien khai|cu the hoa|ap dung"
    r"|neu|nhac (?:toi|den)|de cap)\b")
# Where the issuer phrase a question gives for a cited document ends ("của Tỉnh ủy về chuyển
# đổi số", "của Bộ Lao động …?"): a word that starts the rest of the question.
_ISSUER_STOP = frozenset(
    "ve la so ma nao gi may giao phe duoc de trong tai nam ngay thuc trien can quy huong tren "
    "cho theo co khi dang da thi vay nhu duyet giai dot va hay".split())
_MAX_ISSUER_WORDS = 9
_ISSUER_WINDOW = 6  # words between the type and its "của"


# Types a plan cites but never is (plans are kế hoạch, chương trình, đề án): named with a
# number, or with "ngày nào", such a document is the cited one.
_NOT_PLAN_TYPES = "nghi quyet|chi thi|quyet dinh|thong tu|nghi dinh|cong van|luat|ket luan|thong bao"
NOT_PLAN_TYPES = frozenset(_NOT_PLAN_TYPES.split("|"))
_LEAD = r"^(?:(?:cho (?:toi|em|minh) )?hoi |xin hoi |cho biet )?"
# "Chỉ thị 19/CT-TTg ban hành ngày nào", "Nghị quyết số 11 của Chính phủ …": the question
# opens with a cited type and its number.
_NUMBERED_SUBJECT_RE = re.compile(rf"{_LEAD}(?P<type>{_NOT_PLAN_TYPES}) (?:so )?\d")
# "QĐ của UBND tỉnh X phê duyệt KH … là số mấy", "NQ của HĐND tỉnh về … thông qua ngày
# nào": the question opens with a type no plan is, so that document's number or date is
# asked, not the plan's (unless the plan is itself such a document: ``answer.extractive``).
_HEAD_SUBJECT_RE = re.compile(rf"{_LEAD}(?P<type>{_NOT_PLAN_TYPES})\b")
# "Ngày ban hành của quyết định được căn cứ …", "số hiệu của nghị quyết mà …".
_OF_SUBJECT_RE = re.compile(rf"{_LEAD}(?:ngay ban hanh|ngay ky|ngay|so hieu|ky hieu|so) cua "
                            rf"(?P<type>{_DOC_TYPE_RE})\b(?P<rest>.*)")
# "… căn cứ quyết định ngày nào", "thực hiện QĐ 1299 ngày nào": the date of that document.
# ("Kế hoạch thực hiện Chỉ thị 19 được ban hành ngày nào" asks the plan's date: "ngày nào"
# must follow the type and its number directly.)
_CITED_DAY_RE = re.compile(rf"\b(?P<type>{_NOT_PLAN_TYPES})(?: so)?(?: \d[\w/.-]*)?"
                          r"(?: cua(?: [^\W\d]+){1,5}?)?"  # "… 01 của Chính phủ ngày nào"
                          r" (?:vao )?ngay (?:nao|may|thang nam nao|bao nhieu)\b")
_ROLE_RE = re.compile(r"\b(?:can cu|thuc hien|trien khai|cu the hoa|ap dung|theo|ma)\b")


def cited_subject(spelled: str) -> str | None:
    """The type of the cited document a question is about when that document is its subject
    (see ``_SUBJECT_RE``, ``_NUMBERED_SUBJECT_RE``, ``_OF_SUBJECT_RE``), or None."""
    spelled = spelled.strip()
    match = _SUBJECT_RE.search(spelled)
    if match is not None and not (match.group("rel") == "duoc" and match.group("type") == "ke hoach"):
        return match.group("type")  # ("Kế hoạch … được ban hành để thực hiện …" is the plan)
    numbered = _NUMBERED_SUBJECT_RE.search(spelled)
    if numbered is not None:
        return numbered.group("type")
    of = _OF_SUBJECT_RE.search(spelled)
    if of is not None and (of.group("type") != "ke hoach" or _ROLE_RE.search(of.group("rest"))):
        return of.group("type")
    head = _HEAD_SUBJECT_RE.search(spelled)
    if head is None or cited_doc_type(spelled) not in (None, head.group("type")):
        return None  # "Quyết định … thực hiện nghị quyết nào": the one asked with "nào"
    return head.group("type")


# "Kế hoạch … được ban hành tại quyết định nào", "ban hành kế hoạch … kèm (theo) quyết định
# số mấy": the document asked is the one that issued a plan, whatever document the question
# is about (the plan it issued, named first).
_ISSUING_RE = re.compile(rf"\b(?:ban hanh (?:tai|bang|kem theo|kem)|kem theo|kem|bang) (?P<type>{_NOT_PLAN_TYPES})"
                         r"(?: so| so hieu)? (?:nao|may|gi)\b")


def issuing_doc_type(spelled: str) -> str | None:
    """The type of the document that issued a plan, when the question asks for it
    ("… ban hành kèm quyết định số mấy" -> "quyet dinh"), or None."""
    match = _ISSUING_RE.search(spelled)
    return match.group("type") if match else None


def asks_plan_issue_day(spelled: str) -> bool:
    """"UBND tỉnh X ban hành KH 91 về … ngày nào?": the day the plan was issued is asked,
    whatever documents its subject names."""
    return _ISSUED_PLAN_DAY_RE.search(spelled) is not None


def cited_day_type(spelled: str) -> str | None:
    """"KH 258 căn cứ quyết định ngày nào": the type of the cited document whose date is
    asked, when the question says the plan relies on it."""
    match = _CITED_DAY_RE.search(spelled)
    if match is None or not _ROLE_RE.search(spelled[:match.start()]):
        return None
    return match.group("type")


def cited_issuer(spelled: str, doc_type: str | None) -> str | None:
    """The body a question says issued the cited document it asks for, folded: "nghị quyết
    nào của Chính phủ" -> "chinh phu", "quyết định của Thủ tướng mà …" -> "thu tuong",
    "thông tư số mấy của bộ lao động" -> "bo lao dong". Read after the type word only, so
    "Kế hoạch 28 của UBND tỉnh X thực hiện nghị quyết nào" does not take the plan's own
    issuer for the cited one's."""
    if not doc_type:
        return None
    for match in re.finditer(rf"\b{doc_type}\b", spelled):
        words = spelled[match.end():].replace("?", " ").replace(",", " ").split()
        if "cua" not in words[:_ISSUER_WINDOW]:
            continue
        phrase = []
        for word in words[words.index("cua") + 1:]:
            if word in _ISSUER_STOP or len(phrase) == _MAX_ISSUER_WORDS:
                break
            phrase.append(word)
        if phrase:
            return " ".join(phrase)
    return None
