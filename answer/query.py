"""Understand a question: its kind, the locality and plan it is about, its topic terms.

The kind decides what the answer must contain: a figure for a target, a date for a
deadline, a unit for "who is responsible", a field of the plan's metadata for "who
signed"/"when issued". Works the same with or without diacritics.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from kehoach.answer.lexicon import QUESTION_PHRASES, STOP_SYLLABLES, UNIT_HEADS
from kehoach.answer.question_kinds import (DOC_TYPES, FIELDS, asks_due, asks_effect, asks_end, asks_plan_issue_day,
                                           cited_day_type, cited_doc_type, cited_issuer, cited_subject, content_kind,
                                           content_kinds_of, issuing_doc_type, plan_fields)
from kehoach.grammar.abbreviations import spell_out
from kehoach.index.query_expansion import PARAPHRASES, phrase_re
from kehoach.grammar.localities import Locality, LocalityMention, find_localities, within
from kehoach.grammar.themes import names_theme, without_theme_words
from kehoach.grammar.units import ADVISER, PROPOSER, asked_action, asked_role, set_aside
from kehoach.core.text import fold, syllables

__all__ = ["QueryAnalysis", "analyse", "KINDS", "FIELD_KINDS", "expand_topic", "named_doc_type", "as_reference",
           "spelled_out"]

KINDS = ("signer", "issue_date", "number", "issuer", "parent", "reference", "compare",
         "responsible", "deadline", "target", "tasks", "general")
# Kinds answered from the plan's own fields (its header, preamble and signature).
FIELD_KINDS = frozenset(FIELDS)

_UNIT_IN_QUESTION_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(h for h in UNIT_HEADS if " " in h or len(h) > 4) + r")[\s,]+(?!nao\b)\w+"
)
# "50/KH-UBND", "KH 23", "kế hoạch số 252" (matched on the spelled-out question); not "kế
# hoạch 5 năm" (a five-year plan), while "KH 123 năm 2021" is plan 123 of that year.
_DOC_NUMBER_RE = re.compile(
    r"\b(\d{1,4})\s*/\s*(?:kh|ke hoach)\b(?:-\w+)?|\b(?:ke hoach|kh)\s+(?:so\s+)?(?!(?:19|20)\d\d(?!\d))(\d{1,4})(?![\d/]|[.,]\d)"
    r"(?!\s+nam\b(?!\s+(?:19|20)\d\d))")
# "KH 1924", "kế hoạch số 2063": a plan number that reads like a year; it names a plan only
# when a loaded plan has that number (decided where the plans are known: answer.scope).
_YEARLIKE_NUMBER_RE = re.compile(r"\b(?:ke hoach|kh)\s+(?:so\s+)?((?:19|20)\d\d)(?![\d/]|[.,]\d)")
_ORDINAL_RE = re.compile(r"\b(cap do|muc do|ky hop thu|lan thu|cap|hang|loai)\s+(?:may|bao nhieu)\b")
_YEAR_QUESTION_RE = re.compile(r"(den|vao|trong)? ?nam nao|giai doan nao")
_YEAR_RE = re.compile(r"(?<![\d/.])((?:19|20)\d\d)(?![\d/.])")
_PERCENT_QUESTION_RE = re.compile(r"phan tram|ty le|\bti le|%")
# "Mục tiêu chung … là gì?": a target asked for in words, with no word asking a quantity.
# "… đặt mục tiêu thế nào về …", "giảm đến mức thấp nhất thiệt hại về gì": also in words.
_WHAT_QUESTION_RE = re.compile(r"\b(?:la gi|gom nhung gi|gom nhung noi dung nao|nhu the nao|ra sao|"
                               r"la nhung gi|nhung muc tieu nao|muc tieu nao|the nao|ve gi"
                               r"|(?:muc tieu|chi tieu) gi)\b")
_QUANTITY_QUESTION_RE = re.compile(r"\b(?:bao nhieu|may|so luong|muc bao nhieu)\b|phan tram|ty le|\bti le|%")
# Questions that ask for several things at once: "bao nhiêu lớp và bao nhiêu học sinh",
# "những mốc hạn nào", "các thời hạn".
_SEVERAL_RE = re.compile(
    r"bao nhieu\b.*\bbao nhieu\b|\b(nhung|cac) (moc|han|thoi han|ngay|chi tieu|muc tieu|van ban|can cu)\b"
)


@dataclass(frozen=True)
class QueryAnalysis:
    """What a question asks for."""

    question: str
    folded: str
    kind: str
    wants: str  # "percent" | "number" | "year" | "date" | "unit" | "theme" | "text"
    mentions: tuple[LocalityMention, ...]
    doc_number: str | None
    topic: str  # folded topic text (question words and localities removed, expanded)
    search_text: str  # what retrieval searches with
    several: bool = False  # asks for more than one figure/date ("những mốc hạn nào")
    ordinal: str | None = None  # "cấp độ mấy" -> "cap do": the answer is "cấp độ <n>"
    cited_number: str | None = None  # set when doc_number is a plan the text cites, not a loaded one
    fields: tuple[str, ...] = ()  # plan fields asked ("số và ngày ban hành": number, issue_date)
    doc_type: str | None = None  # type of a cited document asked for ("quyet dinh")
    years: tuple[str, ...] = ()  # years the question names
    cited_date: str | None = None  # ISO date of a cited document the question identifies by it
    unit_role: str | None = None  # the role a "which unit" question asks ("đề nghị", "phối hợp" …)
    unit_action: str | None = None  # else the action it asks about ("tham dinh", "to chuc")
    cited_issuer: str | None = None  # folded body the question says issued the cited document
    cited_day: bool = False  # the issue date of a cited document is asked, not the plan's
    cited_ref_number: str | None = None  # number of the cited (non-plan) document asked about
    cited_year: str | None = None  # the year the question gives the cited document ("Nghị định năm 2024")
    asked_fields: tuple[str, ...] = ()  # plan fields the words ask, when read as a cited document
    yearlike_number: str | None = None  # "KH 1924": a plan number or a year
    asks_end: bool = False  # "đến khi nào", "kéo dài đến ngày nào": the end of a time
    asks_due: bool = False  # "hạn báo cáo là ngày nào", "trước ngày nào": a due date
    asks_effect: bool = False  # "có hiệu lực từ khi nào": a day named by an event ("kể từ ngày ký") answers
    set_aside: tuple[str, ...] = ()  # bodies named only to be set aside ("ngoài các Trạm Y tế thì …")

    @property
    def names_unit(self) -> bool:
        """Does the question name a unit ("Các cơ quan, đơn vị...", "Phòng Văn hóa...")?"""
        return bool(_UNIT_IN_QUESTION_RE.search(self.folded))

    @property
    def loaded_localities(self) -> list[str]:
        """Loaded localities the question asks about ("thị xã Điện Bàn" in "xã Điện Trung,
        thị xã Điện Bàn" only says where the commune is)."""
        return list(dict.fromkeys(m.locality.display for m in self.mentions
                                  if m.loaded and not m.qualifier))

    @property
    def unknown_localities(self) -> list[str]:
        return list(dict.fromkeys(m.locality.display for m in self.mentions
                                  if not m.loaded and not m.qualifier))


def expand_topic(topic: str) -> str:
    """The topic in plan wording: abbreviations spelled out, paraphrases replaced.

    (A sentence's own abbreviations are spelled out when it is scored, so one form
    of each concept is enough here.)
    """
    topic = spell_out(topic)
    for phrase, plan_words in PARAPHRASES.items():
        topic = phrase_re(phrase).sub(plan_words, topic)
    return topic


# Document types officers abbreviate before a number or "số/nào" ("QĐ 524", "nq số mấy",
# "cv nào"); elsewhere the letters may mean something else ("TT" thị trấn).
_DOC_ABBREVIATIONS = {"qd": "quyet dinh", "nq": "nghi quyet", "ct": "chi thi", "tt": "thong tu",
                      "nd": "nghi dinh", "cv": "cong van", "tb": "thong bao"}
_DOC_ABBREVIATION_RE = re.compile(
    rf"\b({'|'.join(_DOC_ABBREVIATIONS)})\b(?=\s*(?:so\b|\d|nao\b|gi\b|may\b|cua\b|ma\b))")


def _spelled_out(folded: str) -> str:
    """Abbreviations spelled out, so "KH số mấy" reads as "kế hoạch số mấy"."""
    return _DOC_ABBREVIATION_RE.sub(lambda m: _DOC_ABBREVIATIONS[m.group(1)], spell_out(folded))


# A type abbreviated at the opening of a question ("QĐ phê duyệt KH … là số mấy"); "CT",
# "TT", "TB" there may be other words.
_OPENING_ABBREVIATION_RE = re.compile(r"^\s*(qd|nq|nd|cv)\b")
_NAMED_TYPE_RE = re.compile(r"\b(" + "|".join(t for t in DOC_TYPES if t != "van ban") + r")\b")


def named_doc_type(question: str) -> str | None:
    """The first document type a question names ("Nghị định năm 2024 … mà KH TCMR nêu là số
    mấy" -> "nghi dinh"; "kh cds năm 2023 … là kế hoạch số mấy" -> "ke hoach"): what it
    asks about when that is a document a loaded plan cites, not the plan."""
    folded = fold(question)
    opening = _OPENING_ABBREVIATION_RE.match(folded)
    if opening:
        return _DOC_ABBREVIATIONS[opening.group(1)]
    match = _NAMED_TYPE_RE.search(_spelled_out(folded))
    return match.group(1) if match else None


spelled_out = _spelled_out


def _cited_ref_number(spelled: str, doc_type: str | None) -> str | None:
    """The number a question gives for the cited document it is about ("Quyết định 524 mà
    …", "Nghị định số 123/2015/NĐ-CP được … căn cứ"): a plan number only for a "kế hoạch"."""
    if not doc_type or doc_type in ("ke hoach", "van ban"):
        return None
    match = re.search(rf"\b{doc_type}\s+(?:so\s+)?(\d{{1,5}})(?![\d.,]|\s*%|\s+(?:nam|thang)\b)", spelled)
    return match.group(1) if match else None


def _cited_year(spelled: str, doc_type: str | None) -> str | None:
    """The year a question gives the cited document right after its type ("Nghị định năm
    2024 sửa đổi …", "quyết định ban hành năm 2021"): a reference of another year is not it."""
    if not doc_type or doc_type in ("ke hoach", "van ban"):
        return None
    match = re.search(rf"\b{doc_type}(?: so \d+)? (?:ban hanh )?(?:trong )?nam ((?:19|20)\d\d)\b(?!\s*[-–]\s*\d)",
                      spelled)
    return match.group(1) if match else None


def _kind(spelled: str) -> tuple[str, tuple[str, ...], str | None]:
    """(kind, plan fields asked, cited document type)."""
    fields = plan_fields(spelled)
    subject = cited_subject(spelled)
    if subject and (set(fields) & {"number", "issue_date", "signer", "issuer"} or cited_doc_type(spelled)):
        # "Quyết định … mà KH 130 thực hiện được ban hành ngày nào / là số mấy": the
        # cited document's number or date, not the plan's. "Kế hoạch … mà X căn cứ được
        # ban hành tại quyết định nào": the decision that issued it is asked.
        return "reference", tuple(f for f in fields if f == "issue_date"), issuing_doc_type(spelled) or subject
    if "issue_date" in fields and asks_plan_issue_day(spelled):
        # "… ban hành KH 4155 triển khai kết luận của Thủ tướng … ngày nào": the plan's day.
        return fields[0], fields, None
    day_type = cited_day_type(spelled)
    if day_type and "parent" not in fields:
        return "reference", ("issue_date",), day_type
    cited = cited_doc_type(spelled)
    if cited and "parent" not in fields:
        return "reference", (), cited
    if fields and not _PROPOSAL_RE.search(spelled):
        return fields[0], fields, None
    return content_kind(spelled), (), None


# "Ban hành theo tờ trình của đơn vị nào, số mấy?": the number asked is the proposal's.
_PROPOSAL_RE = re.compile(r"\bto trinh\b[^?]{0,40}\b(?:cua )?(?:don vi|co quan|so|ai) nao\b|\bto trinh\b.*\bso may\b")


def _wants(kind: str, folded: str) -> str:
    if kind == "compare":  # compare what: figures, dates or units?
        content = next((k for k in content_kinds_of(folded)
                        if k in ("deadline", "target", "responsible")), None)
        return _wants(content, folded) if content else "number"
    if _ORDINAL_RE.search(folded):
        return "ordinal"
    if (kind in ("general", "target") and names_theme(folded)
            and not _QUANTITY_QUESTION_RE.search(folded)):
        return "theme"  # "chủ đề thi đua là gì": the labelled quotation, not any sentence on it
    if kind == "reference":
        return "docref"
    if kind == "deadline":
        return "year" if _YEAR_QUESTION_RE.search(folded) else "date"
    if kind == "target":
        if _YEAR_QUESTION_RE.search(folded):
            return "year"
        if _WHAT_QUESTION_RE.search(folded) and not _QUANTITY_QUESTION_RE.search(folded):
            return "text"
        return "percent" if _PERCENT_QUESTION_RE.search(folded) else "number"
    if kind == "responsible":
        return "unit"
    return "text"


def _blank(folded: str, mentions: Iterable[LocalityMention]) -> str:
    """``folded`` with the localities it names (and their "xã"/"phường") blanked out."""
    chars = list(folded)
    for mention in mentions:
        chars[mention.start:mention.end] = " " * (mention.end - mention.start)
    return "".join(chars)


def _topic(folded: str, mentions: Iterable[LocalityMention]) -> str:
    text = _blank(folded, mentions)
    for phrase in QUESTION_PHRASES:
        text = re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", " ", text)
    text = re.sub(r"^\s*con\s", " ", text)  # "Còn hạn báo cáo thì sao?": a follow-up's lead
    return " ".join(text.split())


# Words that say a question asks for a deadline, not what the deadline is for.
_DEADLINE_WORDS_RE = re.compile(r"(?<!\w)(?:thoi han|han chot|moc han|cac moc|nhung moc|moc|han)(?!\w)")


# Words that say a question asks who is responsible, not for what.
_RESPONSIBLE_WORDS_RE = re.compile(r"(?<!\w)(?:chiu trach nhiem(?: chinh)?|phu trach|(?:la |lam )?dau moi"
                                   r"|chu tri|dam nhiem"
                                   # "X giao đơn vị nào chủ trì …" (the question words gone: "giao chu
                                   # tri …"): the assigning, not the topic
                                   r"|^\s*giao(?: cho)?(?=\s+(?:chu tri|phu trach|thuc hien|phoi hop|$)))(?!\w)")
# When the question asks who proposed or advised on the plan, these words name that role;
# elsewhere ("ai đề xuất khen thưởng") they are the topic.
_PROPOSAL_WORDS_RE = re.compile(r"(?<!\w)(?:tham muu|de xuat)(?!\w)")


# Words that say how a plan relies on the document asked for ("căn cứ", "thực hiện", "triển
# khai"): plans write any of them ("Thực hiện Luật Hộ tịch …" answers "căn cứ luật nào").
# "Văn bản nào" names only the kind of answer (any document), never its subject; "mà KH …
# nhắc tới / đề cập" says only that the plan names it.
_REFERENCE_WORDS_RE = re.compile(r"(?<!\w)(?:can cu|thuc hien|trien khai|cu the hoa|van ban"
                                 r"|(?:co so )?phap ly|co so|dua (?:tren|vao|theo)"
                                 r"|neu|nhac (?:toi|den)|de cap(?: (?:den|toi))?)(?!\w)")  # "mà KH X nêu"



# Words of a comparison that name the localities (or plans) compared, not what is compared:
# "so sánh … giữa các xã phường", "xã phường nào có …", "nơi nào đặt …", "những kế hoạch
# của phường, xã nào thực hiện …". As topic words they ask a
# sentence to write "xã" or "so sánh", which a commune's target does not.
_PLACES = r"(?:xa|phuong|thi tran|huyen|quan|thi xa|tinh|thanh pho|dia phuong|noi)"
_PLACE_RUN = rf"{_PLACES}(?:\s*(?:,|va|hoac|/)?\s*{_PLACES})*"
_COMPARE_WORDS_RE = re.compile(
    rf"(?<!\w)(?:so sanh(?: muc| ve)?|giua|(?:cac|nhung) ke hoach(?: cua)?(?:\s+{_PLACE_RUN})?"
    rf"|(?:dat|co|de ra)\s+(?:muc tieu|chi tieu)(?: ve)?"
    rf"|(?:cac|nhung|moi|tung)\s+{_PLACE_RUN}|^\s*{_PLACE_RUN}"
    rf"|{_PLACE_RUN}(?=\s+(?:co|dat|de ra|deu)(?!\w)))(?!\w)")


# "Người trình bày dự thảo … là ai?", "Ở phường 1, người chủ trì hội nghị là ai": the
# "người" opening the subject of a "là ai" question is its "who", not a topic word.
_WHO_PERSON_RE = re.compile(r"(?:^|,)\s*(?P<who>nguoi)(?= \w)(?=[^?]*\bla ai\b)")


def _without_kind_words(kind: str, topic: str, role: str | None = None) -> str:
    """The topic without the words that only name the kind of answer asked for."""
    pattern = {"deadline": _DEADLINE_WORDS_RE, "responsible": _RESPONSIBLE_WORDS_RE,
               "reference": _REFERENCE_WORDS_RE, "compare": _COMPARE_WORDS_RE}.get(kind)
    if pattern:
        topic = pattern.sub(" ", topic)
    if role in (PROPOSER, ADVISER):
        topic = _PROPOSAL_WORDS_RE.sub(" ", topic)
    return " ".join(topic.split())


def _without_theme_words(topic: str) -> str:
    """A theme question's topic less its asking words ("mang chủ đề gì"), unless nothing
    would be left to say which campaign it is asked of."""
    rest = without_theme_words(topic)
    return rest if any(s not in STOP_SYLLABLES for s in syllables(rest)) else topic


def _abbreviation(word: str) -> bool:
    """'nn', 'ttg', 'byt', 'ptnt': no Vietnamese syllable is written without a vowel (or,
    from three letters, with "y" as its only one)."""
    return len(word) >= 2 and not set(word) & set("aeiou") and (len(word) >= 3 or "y" not in word)


def _without_issuer(topic: str, issuer: str | None) -> str:
    """The topic without the abbreviations of the body said to issue the cited document
    ("… của bộ NN", "của TTg", "của BYT"): they are checked against each reference's issuer
    and ký hiệu, where they match; as topic words they would ask the sentence to write them."""
    for word in (issuer or "").split():
        if _abbreviation(word):
            topic = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", ",", topic)
    return topic


# "… kế hoạch số mấy của UBND tỉnh Quảng Ninh": the body the cited document's issuer ends in.
_ISSUER_BODY_END_RE = re.compile(r"\bcua\s+(?P<body>uy ban nhan dan|ubnd|hoi dong nhan dan|hdnd)\s*$")


def _issuer_place(folded: str, mentions: tuple[LocalityMention, ...],
                  issuer: str) -> tuple[tuple[LocalityMention, ...], str]:
    """A locality named as the cited document's issuer ("xã Hòa Bình … làm theo kế hoạch số
    mấy của UBND tỉnh Quảng Ninh") is part of that issuer, not a second locality asked
    about, when the plan's own locality, also named, lies in it. Returns the mentions (that
    one marked a qualifier) and the issuer with its place ("uy ban nhan dan tinh quang ninh")."""
    out = list(mentions)
    for k, mention in enumerate(mentions):
        body = None if mention.qualifier else _ISSUER_BODY_END_RE.search(folded[:mention.start])
        if body is None:
            continue
        place = mention.named or mention.locality
        others = [m for m in mentions if m is not mention and not m.qualifier]
        if others and all(within(m.named or m.locality, place) for m in others):
            out[k] = replace(mention, qualifier=True)
            # The body as written before the place: what follows "của" after the first
            # "kế hoạch" may be the plan's own locality ("KH … của xã Hòa Bình làm theo …").
            issuer = f"{_spelled_out(body.group('body'))} {fold(place.display)}"
    return tuple(out), issuer


def as_reference(analysis: QueryAnalysis, doc_type: str, **changes: object) -> QueryAnalysis:
    """``analysis`` (a plan field question) re-read as asking the number or date of a
    document a plan cites, of ``doc_type``: its topic as a reference question's, without
    the words saying how the plan relies on it ("mà KH … nhắc tới"). ``changes``: other
    fields to set (``cited_day``, ``asked_fields``, ``cited_issuer`` …)."""
    topic = analysis.topic
    if analysis.doc_number is None:
        text = _REFERENCE_WORDS_RE.sub(lambda m: "," + " " * (len(m.group(0)) - 1), analysis.folded)
        topic = expand_topic(_without_kind_words("reference", _topic(text, analysis.mentions)))
    return replace(analysis, kind="reference", wants="docref", fields=(), doc_type=doc_type,
                   topic=topic, **changes)  # type: ignore[arg-type]


def analyse(question: str, loaded: Iterable[Locality]) -> QueryAnalysis:
    """Analyse ``question`` against the localities of the loaded plans."""
    question = question.strip()  # mention offsets and the folded text must agree
    folded = fold(question)
    mentions = tuple(find_localities(question, loaded))
    spelled = _spelled_out(folded)
    # Place names say nothing of the kind of question ("Ái" in "xã Nhơn Ái" is no "ai?").
    kind, fields, cited_type = _kind(_spelled_out(_blank(folded, mentions)))
    asked_fields = plan_fields(_spelled_out(_blank(folded, mentions))) if kind == "reference" else ()
    cited_day = kind == "reference" and fields == ("issue_date",)
    if cited_day:
        fields = ()
    number = _DOC_NUMBER_RE.search(spelled)
    topic_text = folded
    if number:  # the plan's number filters; as topic words it would favour its header
        raw = _DOC_NUMBER_RE.search(folded)
        if raw:  # "130/KH-UBND" whole; of "kh 130" the number only ("kh" shows where the
            # plan's name starts)
            a, b = raw.span() if raw.group(1) else raw.span(2)
            topic_text = folded[:a] + " " * (b - a) + folded[b:]
    yearlike = None if number else _YEARLIKE_NUMBER_RE.search(spelled)
    raw_yearlike = None if number else _YEARLIKE_NUMBER_RE.search(topic_text)
    if raw_yearlike:  # "KH 1924" names the plan (its number, or its year): it filters
        a, b = raw_yearlike.span(1)
        topic_text = topic_text[:a] + " " * (b - a) + topic_text[b:]
    if kind == "reference":  # before "ban nào" (a board) is taken out of "văn bản nào"; a
        # comma, so the words either side make no pair ("kh 334 … thực hiện quyết định")
        topic_text = _REFERENCE_WORDS_RE.sub(lambda m: "," + " " * (len(m.group(0)) - 1), topic_text)
    who = _WHO_PERSON_RE.search(topic_text) if kind == "responsible" else None
    if who:  # same length: the mentions' offsets hold
        topic_text = topic_text[:who.start("who")] + " " * len(who.group("who")) + topic_text[who.end("who"):]
    aside = set_aside(question) if kind == "responsible" else []
    for a, b, _ in aside:  # "ngoài các Trạm Y tế thì": no topic of the question
        topic_text = topic_text[:a] + "," + " " * (b - a - 1) + topic_text[b:]
    ordinal = _ORDINAL_RE.search(folded)
    role = asked_role(_blank(folded, mentions)) if kind == "responsible" else None
    issuer = cited_issuer(_spelled_out(_blank(folded, mentions)), cited_type) if kind == "reference" else None
    if issuer:
        mentions, issuer = _issuer_place(folded, mentions, issuer)
    wants = _wants(kind, folded)
    topic = _without_issuer(expand_topic(_without_kind_words(kind, _topic(topic_text, mentions), role)), issuer)
    if wants == "theme":
        topic = _without_theme_words(topic)
    return QueryAnalysis(
        question=question,
        folded=folded,
        kind=kind,
        wants=wants,
        mentions=mentions,
        doc_number=f"{number.group(1) or number.group(2)}/KH-UBND" if number else None,
        topic=topic,
        search_text=question.strip(),
        several=bool(_SEVERAL_RE.search(folded)),
        ordinal=ordinal.group(1) if ordinal else None,
        fields=fields,
        doc_type=cited_type,
        years=tuple(dict.fromkeys(_YEAR_RE.findall(folded))),
        unit_role=role,
        unit_action=asked_action(_blank(folded, mentions)) if kind == "responsible" and role is None else None,
        cited_issuer=issuer,
        cited_day=cited_day,
        asked_fields=asked_fields,
        cited_ref_number=_cited_ref_number(spelled, cited_type) if kind == "reference" else None,
        cited_year=_cited_year(spelled, cited_type) if kind == "reference" else None,
        yearlike_number=yearlike.group(1) if yearlike else None,
        asks_end=kind == "deadline" and asks_end(spelled),
        asks_due=kind == "deadline" and asks_due(spelled),
        asks_effect=kind == "deadline" and asks_effect(spelled),
        set_aside=tuple(name for _, _, name in aside),
    )
