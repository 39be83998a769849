"""Responsible units: the bodies a plan names and the role each sentence gives them.

Vietnamese administrative texts name a body by a head word and its complement ("Sở Lao
động - Thương binh và Xã hội", "UBND các xã, phường", "Ban Chỉ đạo chuyển đổi số tỉnh",
"Trung tâm Y tế huyện (Cơ quan Thường trực …)") and give it a role with a few fixed frames:

- proposer: "Theo / Xét đề nghị của [Giám đốc] Sở Y tế tại Tờ trình số …";
- lead: "Giao Sở Nội vụ chủ trì …", "Phòng Văn hóa và Thông tin chủ trì, phối hợp …";
- partner: "… phối hợp với Trung tâm …, UBND các xã";
- standing body: "Sở Kế hoạch và Đầu tư - cơ quan thường trực …", "X (Cơ quan Thường trực …)";
- accountable: "Chánh Văn phòng UBND tỉnh; Giám đốc các sở …; … chịu trách nhiệm thi hành";
- report recipient: "báo cáo kết quả về Ban Chỉ huy … (qua Phòng Nông nghiệp …)";
- actor: a body that opens a clause with a verb ("Ban Chỉ đạo … đã tổ chức đánh giá …").

A body named only as the issuer of a cited document ("… của Hội đồng nhân dân tỉnh"), in a
document symbol ("774/QĐ-UBND"), in the enacting clause ("UBND tỉnh ban hành Kế hoạch …") or
in a list of recipients has no role: it answers no "which unit" question. Matching is on the
folded text (``fold_aligned``), so text typed without diacritics is read too; where a head's
folded form is an ordinary word ("so" = "số", "bo" = "bộ"), only its accented form counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kehoach.core.text import fold_aligned

__all__ = ["UnitMention", "ROLES", "find_units", "set_aside", "asked_role", "asked_action", "compatible_roles",
           "PROPOSER", "LEAD", "PARTNER", "STANDING", "ACCOUNTABLE", "RECIPIENT", "ACTOR", "ISSUER", "FORMED",
           "ADVISER", "NAMED_ROLES", "DASHED_NAMES", "continues_dashed_name", "continues_unit"]

# Roles, as shown and as matched.
PROPOSER, LEAD, PARTNER, STANDING, ACCOUNTABLE, RECIPIENT, ACTOR, ISSUER = (
    "đề nghị", "chủ trì", "phối hợp", "thường trực", "chịu trách nhiệm", "nhận báo cáo",
    "thực hiện", "ban hành")
# A body the text sets up ("thành lập Đoàn kiểm tra liên ngành", "Tổ công tác … được thành lập").
FORMED = "được thành lập"
ROLES = (PROPOSER, LEAD, PARTNER, STANDING, ACCOUNTABLE, RECIPIENT, ACTOR, ISSUER, FORMED)
# Asked, never given: "cơ quan nào tham mưu …" is answered by the proposer or the lead.
ADVISER = "tham mưu"

# Teams named by their task, the complement in lower case: only as written with accents.
_TEAM_WRITTEN = ("đoàn kiểm tra", "đoàn thanh tra", "đoàn công tác", "đoàn giám sát", "đoàn liên ngành",
                 "tổ công tác", "tổ kiểm tra", "tổ giúp việc", "tổ công nghệ số", "tổ liên ngành",
                 "tổ thường trực",
                 # A level of government acting as a body ("cấp xã xây dựng kế hoạch …"), and
                 # the mass organisations named as a kind ("các đoàn thể chính trị - xã hội").
                 "cấp xã", "cấp phường", "cấp huyện", "cấp tỉnh", "cấp thôn", "cấp cơ sở", "cấp sở",
                 "các đoàn thể")
_TEAM_HEADS = tuple(fold_aligned(w) for w in _TEAM_WRITTEN)
# Words that open a body's name (folded), longest first where one extends another.
_HEADS = (
    "uy ban nhan dan", "uy ban mat tran to quoc", "uy ban mttq", "ubmttq", "ubnd", "mttq",
    "hoi dong nhan dan", "hdnd", "van phong", "cong an", "bo chi huy quan su", "ban chi huy quan su",
    "ban chi huy", "ban chi dao", "ban dieu hanh", "ban thuong vu", "ban quan ly", "ban tuyen giao",
    "ban dan van", "ban dan toc", "ban vi su tien bo", "ban", "bao hiem xa hoi", "trung tam", "tram y te",
    "phong", "chi cuc", "tong cuc", "cuc", "so", "bo", "kho bac", "lien doan lao dong", "hoi lien hiep",
    "hoi", "doan thanh nien", "doan", "dang uy", "huyen doan", "tinh doan", "thanh doan",
    # The Party committee of a level ("Huyện uỷ Thọ Xuân đã tổ chức hội nghị …").
    "huyen uy", "tinh uy", "thanh uy", "thi uy",
    "co quan thuong truc", "cac so", "cac phong", "cac co quan", "cac don vi", "cac ban",
    "dai phat thanh", "bao", "truong", "benh vien", "quan su", "to dan pho",
    # Teams set up for a task, named in lower case after their head ("đoàn kiểm tra liên ngành").
    *_TEAM_HEADS,
)
# Titles of a body's head: part of the mention ("Giám đốc Sở Y tế", "Chủ tịch UBND các xã").
_TITLES = ("giam doc", "chanh van phong", "chu tich", "truong ban", "thu truong", "tong bien tap",
           "pho chu tich", "truong phong", "chi huy truong",
           # A person, as news reports name one ("đồng chí Trần Văn A - PCT UBND phường - chủ trì").
           "dong chi")
# Heads whose folded form is an ordinary word: counted only as written with accents.
_ACCENTED = {"so": "sở", "bo": "bộ", "cuc": "cục", "cac so": "các sở", "bao": "báo", "ban": "ban",
             "phong": "phòng", "doan": "đoàn", "hoi": "hội", "truong": "trường", "cac phong": "các phòng",
             **{fold_aligned(w): w for w in _TEAM_WRITTEN}}
# Heads that are ordinary words in lower case ("đại hội", "ban hành"): a body only capitalised.
_CAPITALISED = frozenset({"hoi", "doan", "ban", "bao", "truong", "dang uy", "huyen uy", "tinh uy",
                          "thanh uy", "thi uy"})
# Heads that are a body only when a capitalised name follows ("Ban Chỉ đạo", "Phòng Y tế";
# never "ban hành", "phòng, chống", "hội nghị", "trường hợp").
_NEEDS_NAME = frozenset({"ban", "phong", "doan", "hoi", "truong", "bao", "trung tam", "van phong",
                         "so", "bo", "cuc"})
# Words that end a body's name: the verbs and function words of the frames around it.
# Single words as written (accents decide: "tại" ends a name, "Tài chính" does not) ...
_STOP_WORDS = frozenset(
    "tại là làm có để trong theo về với cho từ đến trước sau ngày đã sẽ cần phải được nhằm trình "
    "giao gửi qua khi nếu vào như cùng hoặc mọi giúp nhận của ở thì mà nên và chịu do".split())
# ... and two-syllable verbs (folded), unless written capitalised inside a name ("Ban Tổ chức").
_STOP_PAIRS = frozenset((
    "chu tri", "phoi hop", "tham muu", "thuc hien", "to chuc", "trien khai", "theo doi",
    "huong dan", "chi dao", "don doc", "xay dung", "bao cao", "tong hop", "kiem tra", "ban hanh",
    "quan triet", "tang cuong", "yeu cau", "de nghi", "can cu", "tiep tuc", "chu dong", "phan cong",
    "tuyen truyen", "danh gia", "cong bo", "tham gia", "ra soat", "dam bao", "bo tri", "thong bao",
    "trach nhiem", "chiu trach", "quan ly", "tren dia", "dia ban", "van dong", "chuan bi", "cung cap",
    "tiep nhan", "giam sat", "chap hanh", "thi hanh", "xu ly", "ho tro", "bao dam", "hoan thanh"))
_MAX_WORDS = 16

_WORD_RE = re.compile(r"[^\W_]+(?:[&'][^\W_]+)*|[^\w\s]", re.UNICODE)

# Cues before a body (folded, matched at the end of the text before it).
_BEFORE = (
    # "Theo đề nghị của X", "Xét Tờ trình số 136/TTr-UBND ngày … của X", "đề xuất của X".
    (PROPOSER, re.compile(r"(?:theo|xet) (?:de nghi|to trinh)(?: (?:cua|tai))?\s*$"
                          r"|(?:theo|xet) (?:de nghi|to trinh)\b[^.;]{0,80}\bcua\s*$|\b(?:de nghi|de xuat) cua\s*$")),
    (LEAD, re.compile(r"(?:^|[^\w])giao(?: cho)?\s*$|\bgiao\b[^.;]{0,80}\bcho\s*$"
                      # "phân công cụ thể cho các Sở, ban, ngành, huyện, thành phố": assigned.
                      r"|\bphan cong\b(?: cu the| nhiem vu| trach nhiem)?(?: cho)?\s*$")),
    (PARTNER, re.compile(r"phoi hop(?: chat che)?(?: voi| cung(?: voi)?)?\s*$")),
    # "thành lập Đoàn kiểm tra liên ngành", "quyết định thành lập Tổ công tác".
    # "kiện toàn Ban Chỉ đạo phòng chống dịch các cấp": a body set up anew.
    (FORMED, re.compile(r"\b(?:thanh lap(?: ra)?|kien toan(?: lai)?)\s*$")),
    # "báo cáo kết quả về X", "(qua Phòng Y)"; "báo cáo kết quả thực hiện và X" is a
    # misread "về" (OCR), as no report is coordinated with a body.
    (RECIPIENT, re.compile(r"(?:bao cao|gui)[^.;]{0,80}\b(?:ve|den|toi|len)\s*$|\(\s*qua\s*$|\bqua\s*$"
                           r"|\bbao cao ket qua(?: thuc hien)? va\s*$|(?:^|[,;]\s*|\s)bao cao\s*$")),
    (STANDING, re.compile(r"co quan thuong truc[^.;,]{0,60}\bla\s*$")),
    (LEAD, re.compile(r"(?:co quan |don vi )?(?:dau moi|chu tri)(?: la)?\s*:?\s*$")),
    (ACTOR, re.compile(r"(?:^|[^\w])do\s*$")),
)
# Cues after a body (folded, matched at the start of the text after it).
_AFTER = (
    (STANDING, re.compile(r"^\s*(?:\(|-|–|,|là|la)?\s*(?:la\s+)?(?:co\s*quan|don vi)\s+thuong\s+truc")),
    (LEAD, re.compile(r"^\s*(?:\)|,|-|–)?\s*(?:(?:la\s+)?(?:co quan|don vi)[^.;]{0,60}?\s+)?chu tri")),
    (FORMED, re.compile(r"^\s*(?:\)|,)?\s*(?:(?:da|se|duoc|vua)\s+){0,2}thanh lap\b")),
    (ACCOUNTABLE, re.compile(r"^\s*(?:\)|,)?\s*(?:co|chiu) trach nhiem")),
    (PROPOSER, re.compile(r"^\s*(?:\)|,)?\s*tham muu[^.;]{0,60}\bban hanh\b")),
    (LEAD, re.compile(r"^\s*(?:\)|,)?\s*(?:tham muu|phu trach|(?:la|lam)\s+(?:co quan |don vi )?dau moi)")),
    (ISSUER, re.compile(r"^\s*(?:\)|,)?\s*(?:da |se )?(?:ban hanh|xay dung (?:ke hoach|va ban hanh))")),
    # "X theo chức năng, nhiệm vụ được giao triển khai …": the verb after that aside is X's.
    (ACTOR, re.compile(r"^\s*(?:\)|,)?\s*(?:theo (?:chuc nang|tham quyen|nhiem vu)[^.;:]{0,50}?,?\s+)?"
                       r"(?:da |se |tiep tuc |chu dong |thong nhat )?(?:to chuc|chi dao|huong dan|"
                       r"thuc hien|trien khai|theo doi|don doc|tang cuong|yeu cau|danh gia|kiem tra|"
                       r"tong hop|tuyen truyen|quan triet|phoi hop|ra soat|bo tri|tham gia|cong bo|"
                       r"giup|xay dung|phan cong|dam nhiem|lam)\b")),
)


@dataclass(frozen=True)
class UnitMention:
    """A body named in a text: its span, its name as written (whitespace collapsed) and
    the roles the text gives it (empty: named, but given no role)."""

    start: int
    end: int
    name: str
    roles: frozenset[str]


def _tokens(folded: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in _WORD_RE.finditer(folded)]


def _head_at(tokens: list[tuple[int, int, str]], i: int, text: str) -> int:
    """Number of tokens of a head (a title and/or a body word) starting at token ``i``, or 0."""
    n = _match_phrase(tokens, i, _TITLES)
    if not n:
        return _body_head(tokens, i, text)
    # "Giám đốc Sở Y tế", "Thủ trưởng cơ quan, đơn vị …", "Chủ tịch UBND các xã".
    body = _body_head(tokens, i + n, text) or _match_phrase(tokens, i + n, _GENERIC_BODIES)
    if body:
        return n + body
    return n if _capitalised_next(tokens, i + n, text) else 0


_GENERIC_BODIES = ("co quan", "don vi", "cac co quan", "cac don vi")


def _match_phrase(tokens, i: int, phrases) -> int:
    best = 0
    for phrase in phrases:
        words = phrase.split()
        if [t[2] for t in tokens[i:i + len(words)]] == words and len(words) > best:
            best = len(words)
    return best


def _capitalised_next(tokens, i: int, text: str) -> bool:
    return i < len(tokens) and text[tokens[i][0]:tokens[i][1]][:1].isupper()


def _body_head(tokens, i: int, text: str) -> int:
    for n in sorted({len(h.split()) for h in _HEADS}, reverse=True):
        words = [t[2] for t in tokens[i:i + n]]
        if len(words) < n or " ".join(words) not in _HEADS:
            continue
        head = " ".join(words)
        written = text[tokens[i][0]:tokens[i + n - 1][1]]
        accented = _ACCENTED.get(head)
        if accented is not None and written.lower() != accented:
            continue
        if head in _NEEDS_NAME and not _capitalised_next(tokens, i + n, text):
            continue
        if head in _CAPITALISED and not written[:1].isupper():
            continue
        if head == "hoi" and i > 0 and tokens[i - 1][2] == "xa":
            continue  # "CỘNG HÒA XÃ HỘI CHỦ NGHĨA", "Lao động - Thương binh và Xã hội"
        if (head.startswith("cap ") and i > 0 and tokens[i - 1][2][:1].isalnum()
                and tokens[i - 1][2] not in _BEFORE_A_LEVEL):
            continue  # "cán bộ cấp xã", "ngành cấp tỉnh": a level qualifying a noun, no body
        return n
    return 0


def _name_end(tokens, i: int, text: str) -> int:
    """Index one past the last token of the name whose head starts at ``i``."""
    j = i + _head_at(tokens, i, text)
    words = 0
    while j < len(tokens) and words < _MAX_WORDS:
        start, end, tok = tokens[j]
        written = text[start:end]
        nxt = tokens[j + 1] if j + 1 < len(tokens) else None
        nxt_written = text[nxt[0]:nxt[1]] if nxt else ""
        if tok in (",", "-", "–", "&") or written.lower() == "và" or tok == "va" and written == "va":
            # "Sở Văn hóa, Thể thao và Du lịch", "Lao động - Thương binh", "UBND các xã, phường":
            # a separator inside a name is followed by a capitalised word that opens no new body.
            if nxt is None:
                break
            new_head = _head_at(tokens, j + 1, text) > 0
            if tok == "," and ((tokens[j - 1][2], nxt[2]) in (("phong", "chong"), ("quan", "don"))
                               or _generic_list_goes_on(tokens, i, j, text)):
                j += 1  # "Ban Chỉ huy Phòng, chống thiên tai …", "các cơ quan, đơn vị, địa phương …"
                continue
            if tok == "," and nxt[2] in _ADMIN_WORDS_FIRST and (
                    "cac" in {t[2] for t in tokens[i:j]} or text[tokens[j - 1][0]:tokens[j - 1][1]] in _ADMIN_WRITTEN):
                j += 1
                continue
            if (tok in ("-", "–") and [t[2] for t in tokens[max(i, j - 2):j]] == ["chinh", "tri"]
                    and [t[2] for t in tokens[j + 1:j + 3]] == ["xa", "hoi"]):
                j += 3  # "các tổ chức chính trị - xã hội", "các đoàn thể chính trị - xã hội huyện"
                words += 2
                continue
            verb = nxt is not None and j + 2 < len(tokens) and f"{nxt[2]} {tokens[j + 2][2]}" in _STOP_PAIRS
            if (nxt_written[:1].isupper() or tok == "&") and not new_head and not verb:
                j += 1
                continue
            break
        if not tok[:1].isalnum():
            break
        so_far = text[tokens[i][0]:tokens[j - 1][1]] if j > i else ""
        if len(so_far.split()) > 1 and so_far.isupper() and not written.isupper():
            break  # a header in capitals ends where the case changes
        inner = _head_at(tokens, j, text) if j > i else 0
        if inner:  # a body inside the name: "Văn phòng UBND xã", "Cơ quan Thường trực Ban Chỉ đạo …"
            j += inner
            words += inner
            continue
        if written.lower() == "có" and nxt is not None and nxt[2] == "lien":
            j += 1  # "các đơn vị có liên quan"
            words += 1
            continue
        if written == "về" and _board_subject(tokens, i, j, text):
            j += 1  # "Ban Chỉ đạo liên ngành về an toàn thực phẩm huyện Sông Mã"
            words += 1
            continue
        if written.lower() in _STOP_WORDS and j > i and written[:1].islower():
            break
        pair = f"{tok} {nxt[2]}" if nxt else ""
        if pair in _STOP_PAIRS and not (written[:1].isupper() and j == i + _head_at(tokens, i, text)):
            break  # a verb, even capitalised ("Phòng Kinh tế xã Chủ trì, …"), but "Ban Tổ chức"
        if tok == "so" and nxt is not None and (nxt[2][:1].isdigit() or nxt[2] in (":", "hieu")):
            break
        before_word = text[tokens[j - 1][0]:tokens[j - 1][1]] if j > i else ""
        if (before_word in _ADMIN_WRITTEN and written[:1].islower() and written not in _ADMIN_WRITTEN
                and (before_word, tok) != ("xã", "hoi")):
            break  # "Chủ tịch UBND phường tặng …": a name after "phường" is capitalised
        j += 1
        words += 1
    while j > i + 1 and tokens[j - 1][2] in (",", "-", "–", "&", "va"):
        j -= 1
    return j


# Lower-case words a list of kinds of body goes on with ("các cơ quan, đơn vị, địa phương",
# "các sở, ban, ngành", "các phòng, ban, đoàn thể"): the list is one body.
_GENERIC_KINDS = ("co quan", "don vi", "dia phuong", "ban", "nganh", "doan the", "phong", "so")


def _generic_list_goes_on(tokens, i: int, j: int, text: str) -> bool:
    """At a comma (token ``j``) of a name opened by "các" and, so far, only kinds of body in
    lower case: does the next word, written in lower case, name another kind?"""
    i += _match_phrase(tokens, i, _TITLES)  # "Giám đốc các sở, ban, ngành cấp tỉnh"
    words = [t[2] for t in tokens[i:j] if t[2] != ","]
    written = [text[t[0]:t[1]] for t in tokens[i:j]]
    # ("các Sở, ban, ngành, huyện, thành phố": a kind may be capitalised, as "Sở" often is)
    if not words or words[0] != "cac" or any(w[1:] != w[1:].lower() for w in written):
        return False
    if not _only_kinds(words[1:]):
        return False
    nxt = tokens[j + 1] if j + 1 < len(tokens) else None
    if nxt is None or not text[nxt[0]:nxt[1]].islower():
        return False
    return any([t[2] for t in tokens[j + 1:j + 1 + len(k.split())]] == k.split() for k in _GENERIC_KINDS)


def _only_kinds(words: list[str]) -> bool:
    """Are ``words`` a run of the kinds in ``_GENERIC_KINDS``?"""
    k = 0
    while k < len(words):
        step = next((len(g.split()) for g in sorted(_GENERIC_KINDS, key=len, reverse=True)
                     if words[k:k + len(g.split())] == g.split()), 0)
        if not step:
            return False
        k += step
    return k > 0


# Boards named by their subject: "Ban Chỉ đạo liên ngành về an toàn thực phẩm huyện X".
_BOARDS = ("ban chi dao", "ban chi huy", "hoi dong", *_TEAM_HEADS[:10])
_BOARD_SUBJECT_WORDS = 8


def _board_subject(tokens, i: int, j: int, text: str) -> bool:
    """At "về" (token ``j``) in the name of a board opened at ``i``: is what follows the
    board's subject, lower-case words up to the locality the board is of, with no verb or
    function word between ("… về an toàn thực phẩm huyện Sông Mã", never "báo cáo Ban Chỉ
    đạo về kết quả thực hiện", "… về tình hình trên địa bàn huyện")?"""
    if not _match_phrase(tokens, i + _match_phrase(tokens, i, _TITLES), _BOARDS):
        return False
    for k in range(j + 1, min(len(tokens), j + 1 + _BOARD_SUBJECT_WORDS)):
        written = text[tokens[k][0]:tokens[k][1]]
        nxt = tokens[k + 1][2] if k + 1 < len(tokens) else ""
        if (written in _ADMIN_WRITTEN and (written, nxt) != ("xã", "hoi")
                or (written, nxt) in (("thành", "pho"), ("thị", "xa"))):
            return k > j + 1  # some subject, then the board's locality
        if (not written.isalpha() or not written.islower() or written in _STOP_WORDS
                or f"{tokens[k][2]} {nxt}" in _STOP_PAIRS):
            return False
    return False


# Words after which a level ("cấp xã") is itself the body: "giao cấp xã …", "… và cấp huyện".
_BEFORE_A_LEVEL = frozenset({"giao", "cho", "va", "do", "voi", "cung", "ca"})
# Administrative kind words as written in lower case ("Xã hội" is no "xã").
_ADMIN_WRITTEN = frozenset({"xã", "phường", "huyện", "tỉnh", "quận", "trấn", "phố", "đặc khu"})
_ADMIN_WORDS_FIRST = frozenset({"xa", "phuong", "thi", "huyen", "quan", "thanh", "tinh", "dac"})


def _roles(text: str, folded: str, start: int, end: int) -> set[str]:
    name = text[start:end]
    if len(name.split()) > 1 and name.upper() == name:
        return set()  # a header or title line in capitals ("ỦY BAN NHÂN DÂN TỈNH BẮC NINH")
    before = folded[max(0, start - 120):start]
    after = folded[end:end + 120]
    roles = {role for role, pattern in _BEFORE if pattern.search(before)}
    # "X của Y chủ trì", "X (Cơ quan Thường trực Y) chủ trì": the verb after Y is X's.
    if PROPOSER in roles or (not _OF_BEFORE.search(before) and not _inside_brackets(before)):
        roles |= {role for role, pattern in _AFTER if pattern.search(after)}
    if (not roles and _OPENS_CLAUSE.search(before) and not _OF_AFTER.match(after)
            and text[end:end + 40].lstrip()[:1].islower()):
        roles.add(ACTOR)  # the body opens the clause: it is the one who acts ("Chủ tịch UBND tặng …")
    if ISSUER in roles:
        roles -= {ACTOR}
    return roles


# Only a list marker, "Theo đó," or an article number before the body in its clause.
_OPENS_CLAUSE = re.compile(r"(?:^|[;:\n])\s*(?:[-+•*–]|\d{1,2}(?:\.\d{1,2})*[.)]|[a-z]\)|dieu \d+\.?)?\s*"
                           r"(?:(?:theo do|dong thoi|ngoai ra|tiep theo|truoc do|sau do|ben canh do),?\s*)?$")
# "UBND tỉnh, …" is a subject; "UBND tỉnh của …", "UBND tỉnh (để b/c)" are not.
_OF_AFTER = re.compile(r"\s*(?:cua\b|\(de |ve viec\b|[;,.]?\s*$)")


_OF_BEFORE = re.compile(r"(?:^|[^\w])(?:cua|thuoc|truc thuoc)\s*$")


def _inside_brackets(before: str) -> bool:
    clause = re.split(r"[.;]", before)[-1]
    return clause.count("(") > clause.count(")")


def find_units(text: str) -> list[UnitMention]:
    """Bodies named in ``text`` with their roles; a list of bodies sharing one cue ("A; B;
    C chịu trách nhiệm thi hành", "giao A, B chủ trì") gives the role to each."""
    folded = fold_aligned(text)
    tokens = _tokens(folded)
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        if _head_at(tokens, i, text) and not _in_symbol(text, tokens[i][0], tokens[i][1]):
            j = _name_end(tokens, i, text)
            spans.append((i, j))
            i = j
        else:
            i += 1
    mentions: list[UnitMention] = []
    for a, b in spans:
        start, end = tokens[a][0], tokens[b - 1][1]
        roles = _roles(text, folded, start, end)
        name = " ".join(text[start:end].split())
        mentions.append(UnitMention(start, end, name, frozenset(roles)))
    holders = _holders(text, folded)
    mentions = [m for m in mentions if not any(h.start <= m.start < h.end for h in holders)]
    return sorted([*_share_list_roles(mentions, folded), *holders], key=lambda m: m.start)


# "nâng cao trách nhiệm của các cấp ủy, chính quyền và người dân trong …", "gắn … với trách
# nhiệm của người đứng đầu chính quyền các cấp, các Sở, ban, ngành.": the holders of a duty,
# named as people or levels ("người đứng đầu", "cấp ủy") that no body head opens. The name
# runs to the clause's end or the word that starts what the duty is about.
_HOLDER_RE = re.compile(
    r"\btrach nhiem (?:cua|thuoc ve) (?P<holder>(?:(?:cac|nhung|moi|tung) )?(?:nguoi dung dau|thu truong"
    r"|lanh dao|cap uy|chinh quyen|cac cap|can bo|cong chuc)\b[^.;:()?!\n]*?)"
    r"(?=\s+(?:trong|doi voi|ve|khi|nham|de|tai|theo|truoc|o)\b|\s*[.;:()?!]|\s*$)")


def _holders(text: str, folded: str) -> list[UnitMention]:
    """The holders of a duty "trách nhiệm của …" names (role: accountable)."""
    out = []
    for match in _HOLDER_RE.finditer(folded.replace("\n", " ")):
        start, end = match.span("holder")
        out.append(UnitMention(start, end, " ".join(text[start:end].split()), frozenset({ACCOUNTABLE})))
    return out


def _in_symbol(text: str, start: int, end: int) -> bool:
    """"UBND" in "774/QĐ-UBND", "KH-UBND": part of a document symbol, not a body."""
    return (start > 0 and text[start - 1] in "-/") or (end < len(text) and text[end:end + 1] in "-/"
                                                       and text[end + 1:end + 2].isupper())


# Between two bodies of a list: separators, and the lower-case bodies lists name in passing
# ("thủ trưởng các sở, ngành, đoàn thể liên quan và Chủ tịch UBND các huyện …").
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:ban|nganh|doan the|dia phuong|don vi|co quan|to chuc|phong|hoi"
                       r"|cac cap)(?:\s+(?:co )?lien quan)?\s*)*(?:(?:[,;]|va|,\s*va)\s*)?(?:cac\s+)?")
# "Chánh Văn phòng UBND tỉnh; Giám đốc các sở: Y tế, Tài chính; Chủ tịch UBND …": each
# clause of a semicolon list opens with the next body.
_CLAUSE_GAP = re.compile(r"[^.;()]*;\s*")


def _share_list_roles(mentions: list[UnitMention], folded: str) -> list[UnitMention]:
    """Bodies separated only by ", " / "; " / " và " share the roles of the list's first
    (a cue before it) and last (a cue after it) members."""
    groups: list[list[int]] = []
    for k, mention in enumerate(mentions):
        gap = folded[mentions[k - 1].end:mention.start] if k else ""
        if groups and (_LIST_GAP.fullmatch(gap) or _CLAUSE_GAP.fullmatch(gap)):
            groups[-1].append(k)
        else:
            groups.append([k])
    out = list(mentions)
    # "… về cơ quan Thường trực của Hội đồng … (phòng Văn hóa - Xã hội)": the body in brackets
    # names the recipient again.
    for k in range(1, len(out)):
        gap = folded[out[k - 1].end:out[k].start]
        if RECIPIENT in out[k - 1].roles and re.fullmatch(r"[^.;()]{0,60}\(\s*", gap):
            m = out[k]
            out[k] = UnitMention(m.start, m.end, m.name, m.roles | {RECIPIENT})
    for group in groups:
        if len(group) < 2:
            continue
        first, last = mentions[group[0]], mentions[group[-1]]
        before = {r for r in first.roles
                  if any(p.search(folded[max(0, first.start - 120):first.start]) for q, p in _BEFORE if q == r)}
        after = {r for r in last.roles
                 if any(p.search(folded[last.end:last.end + 120]) for q, p in _AFTER if q == r)}
        shared = before | after
        for k in group:
            m = out[k]
            out[k] = UnitMention(m.start, m.end, m.name, m.roles | frozenset(shared))
    return out


# "trình" the verb, not "chương trình", "quy trình", "lộ trình", "công trình", "tiến trình".
# Nor "trình bày" (to present), "trình diễn".
_TRINH = r"(?<!chuong )(?<!quy )(?<!lo )(?<!cong )(?<!tien )(?<!hanh )\btrinh\b(?! (?:bay|dien)\b)"
# What a question asks of the unit (folded question), first match wins.
_ASKED = (
    (RECIPIENT, re.compile(r"\b(?:bao cao|gui)\b[^?]{0,60}\b(?:ve|den|cho) (?:dau|ai|don vi nao|co quan nao)"
                           r"|\b(?:gui|nop) (?:ve )?dau\b|\bqua (?:don vi|co quan|phong|bo phan) nao")),
    (STANDING, re.compile(r"\bthuong truc\b")),
    # "… phối hợp với đơn vị nào": the partner; "đơn vị nào phối hợp với Hội Nông dân" asks the
    # one that works with a partner the question names (any role).
    (PARTNER, re.compile(r"\bphoi hop(?: chat che)?(?: voi)? (?:ai|nhung|cac (?:don vi|co quan|so|phong) nao"
                         r"|(?:don vi|co quan|so|phong|ban|nganh|ubnd|luc luong|to chuc)\b[^?]{0,20}\bnao)"
                         # "lực lượng nào phối hợp kiểm tra …": the partner; not "… phối hợp với X".
                         r"|\b(?:don vi|co quan|so|phong|ban|nganh|luc luong|to chuc) nao (?:se |duoc |cung )?"
                         r"phoi hop\b(?! (?:voi|cung)\b)")),
    # "lập đoàn gì để kiểm tra", "tổ nào được thành lập": the body the text sets up.
    (FORMED, re.compile(r"\b(?:(?:thanh )?lap(?: ra)?|kien toan(?: lai)?) (?:doan|to|nhom|ban|hoi dong)\b[^?]{0,20}?\b(?:gi|nao)\b"
                        r"|\b(?:doan|to|nhom|hoi dong|ban) (?:gi|nao)\b[^?]{0,40}\b(?:thanh lap|kien toan)\b")),
    # Who proposed the document itself: "theo đề nghị của sở nào", "tờ trình của ai", "sở nào
    # trình / đề xuất kế hoạch", "tham mưu UBND ban hành"; "ai đề xuất khen thưởng" is no such.
    (PROPOSER, re.compile(r"\b(?:theo|xet) de nghi\b|\bto trinh\b"
                          r"|\b(?:de nghi|de xuat) cua (?:ai|(?:so|co quan|don vi|nganh|ban|phong|bo|cuc) nao)\b"
                          rf"|(?:\bde nghi\b|\bde xuat\b|{_TRINH}|\btham muu\b)[^?]{{0,40}}\b(?:ban hanh|phe duyet)\b"
                          rf"|(?:\bde nghi\b|\bde xuat\b|{_TRINH})[^?]{{0,40}}\b(?:ke hoach|kh|quyet dinh|chuong trinh|de an)\b"
                          rf"|\b(?:ke hoach|kh|quyet dinh|chuong trinh|de an)\b[^?]{{0,80}}(?:\bde nghi\b|\bde xuat\b|{_TRINH})")),
    (ADVISER, re.compile(r"\b(?:ke hoach|kh)\b[^?]{0,80}\btham muu\b|\btham muu\b[^?]{0,40}\b(?:xay dung|ke hoach|kh)\b")),
    # "gắn kết quả với trách nhiệm của ai", "nâng cao trách nhiệm của những ai": whose duty.
    (ACCOUNTABLE, re.compile(r"\b(?:thi hanh|chiu trach nhiem)\b"
                             r"|\btrach nhiem (?:cua|thuoc ve) (?:ai|nhung ai|(?:cac |nhung )?(?:don vi|co quan|cap|nganh) nao)\b")),
    (ISSUER, re.compile(r"\b(?:xay dung|soan thao|lap|ban hanh) (?:ke hoach|kh)\b")),
    # "được phân công cho những đơn vị nào": the bodies assigned (not "ai được phân công giúp
    # đỡ …", which asks whoever does it, in any role).
    (LEAD, re.compile(r"\b(?:chu tri|phu trach|dau moi|giao)\b"
                      r"|\bphan cong(?: cu the| nhiem vu)? cho (?:ai|nhung|cac|don vi|co quan|so|nganh)\b")),
)


# "Đơn vị nào thẩm định …", "Ai tặng Giấy khen …": the action asked about, when it is no
# role of the frames above (then the answer must state that action).
_ACTION_RE = re.compile(r"(?:\b(?:don vi|co quan|phong|bo phan|so|nganh|ban chi dao|ban chi huy|trung tam"
                        r"|luc luong|ubnd|uy ban nhan dan)\s+nao|(?:^|[,:;]\s*|\s)ai)\s+"
                        # "đứng ra tổ chức": "đứng ra" only says the body takes the action on.
                        r"(?:(?:da|se|co|duoc|phai|can|dung ra)\s+)*(?P<verb>[a-z]+\s+[a-z]+)")
_NOT_ACTIONS = frozenset({"cua", "o", "tai", "trong", "la", "thi", "nay", "cho", "tren", "va", "hay",
                          "trinh", "giao", "lam", "nhan"})
_ROLE_PAIRS = frozenset({"chu tri", "phoi hop", "chiu trach", "tham muu", "de nghi", "de xuat",
                         "phu trach", "co trach", "dam nhiem"})


def asked_action(folded_question: str) -> str | None:
    """The two syllables of the action a "which unit" question asks about ("tham dinh"), or
    None (no verb follows the question word, or it names a role: "chủ trì", "phối hợp" …)."""
    match = _ACTION_RE.search(folded_question)
    if match is None:
        return None
    verb = match.group("verb")
    return None if verb.split()[0] in _NOT_ACTIONS or verb in _ROLE_PAIRS else verb


def asked_role(folded_question: str) -> str | None:
    """The role a "which unit" question asks about ("theo đề nghị của sở nào" -> proposer),
    or None when it asks who does something in general ("ai tổ chức …")."""
    for role, pattern in _ASKED:
        if pattern.search(folded_question):
            return role
    return None


# The roles of a sentence's body that answer each asked role.
_COMPATIBLE = {
    PROPOSER: (PROPOSER,),
    ADVISER: (PROPOSER, LEAD),
    LEAD: (LEAD, STANDING),
    PARTNER: (PARTNER,),
    STANDING: (STANDING,),
    ACCOUNTABLE: (ACCOUNTABLE, LEAD),
    RECIPIENT: (RECIPIENT,),
    ISSUER: (ISSUER, ACTOR),  # "đơn vị nào xây dựng kế hoạch": the body that drew it up
    FORMED: (FORMED,),
    None: (PROPOSER, LEAD, PARTNER, STANDING, ACCOUNTABLE, RECIPIENT, ACTOR),
}


# Roles held by a body other than the one a task belongs to: the partner, the recipient of
# a report, the standing body, the proposer are named in the sentence, not by its heading.
NAMED_ROLES = frozenset({PROPOSER, PARTNER, STANDING, RECIPIENT, FORMED})


def compatible_roles(asked: str | None) -> tuple[str, ...]:
    """Roles of a named body that answer a question asking ``asked`` (None: any role but
    the issuer's, whose question is the plan's own metadata)."""
    return _COMPATIBLE.get(asked, _COMPATIBLE[None])


# "ngoài các Trạm Y tế thì …", "Cùng UBND phường, …": a body the question sets aside.
_ASIDE_BEFORE = re.compile(r"(?:^|[,;:]\s*|\s)(?:ngoai|cung(?: voi)?|ben canh)\s+(?:cac\s+|nhung\s+)?$")
_ASIDE_AFTER = re.compile(r"^\s*(?:ra\s*)?(?:,|thi\b)")


def set_aside(question: str) -> list[tuple[int, int, str]]:
    """Bodies a question names only to set them aside ("ngoài X thì đơn vị nào …", "cùng X,
    cơ quan nào …"): (start of the phrase, its end, the body's name). They are no topic of
    the question, and no answer to it."""
    folded = fold_aligned(question)
    found = []
    for mention in find_units(question):
        clause = re.split(r"[.?!]", folded[:mention.start])[-1]
        lead = _ASIDE_BEFORE.search(clause)
        tail = _ASIDE_AFTER.match(folded[mention.end:])
        if lead and tail:
            start = mention.start - (len(clause) - lead.start())
            found.append((start, mention.end + tail.end(), mention.name))
    return found


# ------------------------------------------------------------------ names broken by a line

# Names that join two fields with a dash, folded: the field before the dash -> the fields
# that may follow it ("Sở Lao động - Thương binh và Xã hội", "Phòng Kinh tế - Hạ tầng",
# "Phòng Tài chính - Kế hoạch", "Hội đồng Thi đua - Khen thưởng"). A line copied from a
# web page that breaks before such a dash is no list item: the dash is inside the name.
DASHED_NAMES: dict[str, tuple[str, ...]] = {
    "lao dong": ("thuong binh",),
    "van hoa": ("thong tin", "xa hoi", "the thao"),
    "kinh te": ("ha tang", "xa hoi", "ky thuat"),
    "tai chinh": ("ke hoach",),
    "quoc phong": ("an ninh",),
    "thi dua": ("khen thuong",),
    "tai nguyen": ("moi truong",),
    "giao duc": ("dao tao",),
    "doc lap": ("tu do",),
    "tu do": ("hanh phuc",),
}
_ADMIN_PAIRS = frozenset({"thị xã", "thị trấn", "thành phố"})
_LAST_TWO_RE = re.compile(r"(\w+)\s+(\w+)\W*$")


def continues_dashed_name(before: str, after: str) -> bool:
    """Does ``after`` (the words after a dash) carry on the name ``before`` ends with?
    ("… Sở Lao động" + "Thương binh và Xã hội …" is one name; "… Sở Y tế" + "Chủ trì …"
    is a list item)."""
    match = _LAST_TWO_RE.search(fold_aligned(before))
    if match is None or before.rstrip()[-1:] in ",;:.":
        return False
    follow = DASHED_NAMES.get(f"{match.group(1)} {match.group(2)}", ())
    head = " ".join(_WORD_RE.findall(fold_aligned(after))[:3])
    return any(head == f or head.startswith(f + " ") for f in follow)


def continues_unit(before: str, after: str) -> bool:
    """Does a line starting ``after`` finish the name of a body ``before`` ends with?
    ("Ủy ban nhân dân" + "xã Nhơn Ái tổ chức …"): only a lower-case administrative word
    carries a body's name across a break."""
    words = _WORD_RE.findall(after)[:2]
    if not words or (words[0] not in _ADMIN_WRITTEN and " ".join(words) not in _ADMIN_PAIRS):
        return False
    joined = f"{before.rstrip()} {after.lstrip()}"
    cut = len(before.rstrip())
    return any(u.start < cut and u.end > cut + 1 for u in find_units(joined))
