"""Which loaded plans a question is about: its locality, plan number, plan topic and year.

The first check of the answer gate ("right plan") is decided here, once per question, so
that every kind of answer (a plan field, a record, a sentence) is held to the same plans.
A question that names a locality, a plan number, or a plan's topic or year that no loaded
plan has gets no scope at all, and the answer says what is loaded instead of answering
from another plan.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from kehoach.answer.query import FIELD_KINDS, QueryAnalysis, spelled_out
from kehoach.answer.question_kinds import NOT_PLAN_TYPES, cited_subject, issuing_doc_type
from kehoach.answer.lexicon import ABBREVIATIONS, NAMED_CONCEPTS, STOP_SYLLABLES
from kehoach.answer.scoring import Coverage, TopicScorer
from kehoach.core.records import PlanMeta
from kehoach.core.text import fold, syllables
from kehoach.grammar.abbreviations import spell_out
from kehoach.grammar.bare_issuer import names_issuer_bare
from kehoach.grammar.dates import goal_years, names_year
from kehoach.grammar.localities import find_localities, parse_locality, within
from kehoach.index.store import PlanIndex, PlanRecord

__all__ = ["PlanScope", "select_plans", "plan_years", "plan_topic", "content_topic",
           "FIELD_TITLE_COVERAGE", "plan_phrase_years", "text_names", "placed_for",
           "locality_groups", "plan_name", "plan_fit", "cited_topic", "open_to", "inside_kind",
           "without_plan_years"]

# Words of a plan-level question that describe the question, not the plan's subject.
_FIELD_WORDS = frozenset(
    "ky ban hanh ngay thang nam so hieu nguoi ke hoach kh co quan don vi nao may gi ai la "
    "cua va do boi vao luc khi chuc vu danh giu thuc hien trien khai theo can cu cho biet xin "
    "hien ten day du".split())
# Below this share of the question's plan topic in any title, no loaded plan is the one
# asked about (a plan on another subject is not an answer). The gate holds a plan field
# (number, date, signer) to the same bar.
FIELD_TITLE_COVERAGE = 0.2
# One plan's title fits this much better than the next: it is "the" plan.
_TITLE_MARGIN = 0.1
# A year names the plan when it is in the phrase that names the plan ("Kế hoạch chuyển đổi
# số năm 2025 của tỉnh …", "kh cds 2024:"): after "kế hoạch", before any punctuation.
_PLAN_PHRASE_RE = re.compile(r"\b(?:ke hoach|kh|chuong trinh|de an)\b([^:;,.?!()]{0,80})")
_ABOUT_BEFORE_RE = re.compile(r"\bve(?: viec)?\s*$")
_IMPLEMENTS_RE = re.compile(r"\b(?:thuc hien|trien khai|can cu|cu the hoa)\b")
_ADVERB_END_RE = re.compile(r"(?:\s+(?:con|cung|da|dang|se|van|lai|deu|nham|de))+\s*$")
# How much of an untitled text's first line stands for its title (a page may be one line).
_OPENING_TITLE_CHARS = 120
# A line in words (three at least), not a dateline or a view counter.
_WORDS_RE = re.compile(r"[^\W\d_]{2,}(?:\s+[^\W\d_]+){2,}")
# A plan singled out by the locality asked about is also judged by what its opening says
# (the title, the preamble, a news page's lead): a news-style or unread title is no reason
# to say the plan is not loaded, while an opening on another subject still is.
_OPENING_TEXT_CHARS = 1500
_PERIOD_WORDS = frozenset("nam giai doan den toi dinh huong tam nhin".split())
_RANGE_RE = re.compile(r"((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)")
_YEAR_RE = re.compile(r"(?<![\d/.])((?:19|20)\d\d)(?![\d/.])")


@dataclass(frozen=True)
class PlanScope:
    """The plans an answer may come from, and the localities the question named."""

    docs: frozenset[str]
    localities: tuple[str, ...] = ()  # loaded localities named (display names)
    label: str | None = None  # the one locality in scope, for the answer's wording
    missing: str | None = None  # why no plan is in scope (a sentence for the person)
    plan_level: bool = False  # the plans were chosen by their title/year (a field question)
    # The plan of the year asked is not loaded, but these plans write that year (a past
    # plan they review, a programme or decree they cite): only a span naming the year and a
    # document may answer (``answer.gate``), never the loaded plan's own fields.
    cited_year: int | None = None
    cited_name: str = ""  # the words the question names that plan by ("chuyen doi so")
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def empty(self) -> bool:
        return not self.docs


def plan_name(plan: PlanRecord) -> str:
    """What names a plan: its title; a text with no title read (a news page, a portal's
    questions and answers) is named by its opening line."""
    if plan.meta.title:
        return plan.meta.title
    # A page's dateline ("13/02/2025") names nothing: its headline is the first line in words.
    lines = [line for line in plan.text.splitlines() if line.strip()]
    opening = next((line for line in lines if _WORDS_RE.search(line)), lines[0] if lines else "")
    return opening[:_OPENING_TITLE_CHARS]


def plan_fit(scorer: TopicScorer, plan: PlanRecord, by_text: bool) -> Coverage:
    """How well a plan fits the question's plan topic: by its name, or (``by_text``: the
    locality asked about has singled it out, and no plan's name fits) by its opening,
    whichever fits better. A named concept missing from the opening (BHYT asked, a PCCC
    plan loaded) still does not fit."""
    named = scorer.coverage(plan_name(plan))
    if not by_text or (named.concepts and named.share >= FIELD_TITLE_COVERAGE):
        return named
    opening = scorer.coverage(plan.text[:_OPENING_TEXT_CHARS])
    return opening if opening.concepts and opening.share > named.share else named


def plan_years(meta: PlanMeta, name: str | None = None) -> set[int]:
    """Years a plan is for: those its title (else ``name``, its opening) names, ranges
    expanded, and its issue year."""
    years = _named_years(meta.title or name or "")
    if meta.issue_date:
        years.add(int(meta.issue_date[:4]))
    return years


def _named_years(title: str) -> set[int]:
    years: set[int] = set()
    title = fold(title)
    for start, end in _RANGE_RE.findall(title):
        years.update(range(int(start), int(end) + 1))
    years.update(int(y) for y in _YEAR_RE.findall(title))
    return years


def plan_topic(analysis: QueryAnalysis) -> str:
    """The words of a question that can only describe the plan's subject. Asked which plan
    it implements, the words after "thực hiện …" describe that other plan."""
    topic = analysis.topic
    if analysis.kind == "parent":
        # "… còn / cũng / đã thực hiện kế hoạch nào": the adverb belongs to the verb.
        topic = _ADVERB_END_RE.sub("", _IMPLEMENTS_RE.split(topic, maxsplit=1)[0])
    words = [w for w in syllables(topic) if w not in _FIELD_WORDS and not w.isdigit()]
    return " ".join(words)


# A plan named by title in the question: "kế hoạch" (or "kh", "chương trình", "đề án"),
# perhaps its number, then a run of at least this many of the title's words.
_TITLE_RUN = 3
# What is left must still say what is asked ("theo đề nghị của sở nào" → "đề nghị").
_CONTENT_LEFT = 2
# Title words that must follow a word the title lacks for the plan's name to go on past it.
_GAP_RESUME = 2
_PLAN_WORDS = (("ke", "hoach"), ("chuong", "trinh"), ("de", "an"), ("kh",))
# "làm / lập / xây dựng / ban hành kế hoạch …": the making of the plan named, said of it.
_MAKING_WORDS = (("xay", "dung"), ("ban", "hanh"), ("lam",), ("lap",))


def _title_goes_on(words: list[str], at: int, in_title: Collection[str],
                   stop: Collection[str]) -> bool:
    """After a word the title lacks, do ``_GAP_RESUME`` more of its words (not stop words)
    follow at once? A plan named in other words for one of its title's ("rác" for "chất thải
    rắn") is still named by the rest of it."""
    run = [w for w in words[at:at + _GAP_RESUME]]
    return len(run) == _GAP_RESUME and all(w in in_title and w not in stop for w in run)


def content_topic(topic: str, title: str, stop: Collection[str], keep_concepts: bool = True) -> str:
    """The question's topic without the words that name its plan by title.

    "Kế hoạch phát triển chính quyền số tỉnh Bắc Ninh giai đoạn 2026-2030 được ban hành
    theo đề nghị của sở nào?": once that plan is the one in scope, its title words would
    make every sentence repeating the title look like the answer; what is asked about is
    "được ban hành theo đề nghị của". Named concepts (BHYT, CĐS …) in the plan's name are
    kept, in full words: a BHXH sentence never answers for a BHYT plan. Unchanged when the
    question does not name the plan this way or too little would be left. ``keep_concepts``
    False: drop them too (asked for a document the plan cites, the plan's subject says
    nothing of it)."""
    words = syllables(topic)
    in_title = set(syllables(title))
    for start in range(len(words)):
        head = next((p for p in _PLAN_WORDS if tuple(words[start:start + len(p)]) == p), None)
        if head is None:
            continue
        i = start + len(head)
        while i < len(words) and (words[i] == "so" or words[i].isdigit()):
            i += 1
        end = i
        while end < len(words):
            if words[end] in in_title or words[end] in stop:
                end += 1
            elif end > i and _title_goes_on(words, end + 1, in_title, stop):
                end += 1  # "phân loại rác sinh hoạt" for "phân loại chất thải rắn sinh hoạt"
            else:
                break
        while end > i and words[end - 1] in stop:
            end -= 1
        # "… được ban hành theo đề nghị của …": being issued is said of the plan itself.
        for verb in (("duoc", "ban", "hanh"), ("ban", "hanh")):
            if tuple(words[end:end + len(verb)]) == verb:
                end += len(verb)
                break
        named = words[start:end]
        if sum(w not in stop for w in words[i:end]) < _TITLE_RUN:
            continue
        rest = words[:start] + words[end:]
        if sum(w not in stop and not w.isdigit() for w in rest) < _CONTENT_LEFT:
            return topic
        if not keep_concepts:
            # Asked for a document the plan cites, "xã X làm KH … dựa theo kế hoạch nào":
            # that the plan was made says nothing of which document it rests on.
            making = next((m for m in _MAKING_WORDS
                           if start >= len(m) and tuple(words[start - len(m):start]) == m), ())
            return " ".join(words[:start - len(making)] + words[end:])
        # Kept in full words: a sentence writes the concept either way, and the scorer
        # reads a sentence's abbreviations as their words ("BHYT" covers "bảo hiểm y tế").
        kept = [ABBREVIATIONS[short] for short in NAMED_CONCEPTS
                if short in named or " ".join(syllables(ABBREVIATIONS[short])) in " ".join(named)]
        return " ".join(kept + rest)
    return topic


def _names_what_it_issued(analysis: QueryAnalysis) -> bool:
    """Is the number asked of a document of a type no plan is, named by what it issued or
    approved ("… ban hành kèm quyết định số mấy", "Quyết định phê duyệt KH … số mấy")?"""
    if analysis.kind != "reference" or analysis.cited_day or analysis.doc_type not in NOT_PLAN_TYPES:
        return False
    spelled = spelled_out(analysis.folded)
    return analysis.doc_type in (issuing_doc_type(spelled), cited_subject(spelled))


def _named_plan_year(analysis: QueryAnalysis, number: str | None = None) -> int | None:
    """The year the question gives for the plan itself ("kế hoạch … năm 2025"). ``number``:
    a year-like plan number that names a loaded plan ("KH 1924"), which is no year. A "kế
    hoạch" after "về" is the subject of another document ("Nghị quyết … về kế hoạch đầu tư
    công trung hạn 5 năm giai đoạn 2021-2025"), not the plan; so is what the document asked
    issued or approved, named before any "mà" ("Đề án … đến năm 2025 được ban hành kèm QĐ
    số mấy", "QĐ phê duyệt KH … giai đoạn 2021-2025 là số mấy"; not "… mà KH giảm nghèo
    2024 nhắc tới")."""
    relation = re.search(r"\bma\b", analysis.folded)
    issued = _names_what_it_issued(analysis)
    for match in _PLAN_PHRASE_RE.finditer(analysis.folded):
        if _ABOUT_BEFORE_RE.search(analysis.folded[:match.start()]):
            continue
        if issued and (relation is None or match.start() < relation.start()):
            continue
        year = next((y for y in _YEAR_RE.findall(match.group(1)) if y != number), None)
        if year:
            return int(year)
    years = [y for y in analysis.years if y != number]
    if analysis.kind in FIELD_KINDS and years:
        return int(years[0])
    return None


def _name_before(analysis: QueryAnalysis, year: int) -> str:
    """The topic words of the phrase that names the plan of ``year`` ("Kế hoạch CĐS năm
    2023 của …" -> "cds"): what a span must speak of to be about that plan."""
    for match in _PLAN_PHRASE_RE.finditer(analysis.folded):
        at = re.search(rf"(?<!\d){year}(?!\d)", match.group(1))
        if at is None:
            continue
        topic = set(syllables(analysis.topic))
        words = [w for w in syllables(spell_out(match.group(1)[:at.start()]))
                 if w in topic and w not in _FIELD_WORDS and w not in STOP_SYLLABLES
                 and w not in _PERIOD_WORDS]
        return " ".join(words)
    return ""


def cited_topic(topic: str, name: str) -> str:
    """``topic`` without the words naming a plan not loaded (``PlanScope.cited_name``):
    what is asked of it ("có tất cả bao nhiêu chỉ tiêu" -> "chỉ tiêu"); the gate checks
    the name on its own. Unchanged when nothing would be left."""
    words = syllables(topic)
    for word in syllables(name):
        if word in words:  # a comma in its place: the words either side make no pair
            words[words.index(word)] = ","
    left = [w for w in words if w != "," and w not in STOP_SYLLABLES and not w.isdigit()]
    return " ".join(words) if left else topic


def _horizon(analysis: QueryAnalysis, year: int) -> bool:
    """The question gives the year as the end of the plan's period ("KH … đến 2030")."""
    return re.search(rf"\b(?:den|toi)\s+(?:nam\s+)?{year}\b", analysis.folded) is not None


def _fits_year(plan: PlanRecord, year: int, horizon: bool) -> bool:
    """A plan whose years are unknown (no title or date read) is not excluded. A plan whose
    title (read, with years) gives no years, asked "đến 2030", fits when issued by then:
    its issue year is when it began, not the end of its period."""
    years = plan_years(plan.meta, plan_name(plan))
    if not years or year in years:
        return True
    return horizon and not _named_years(plan.meta.title or "") and min(years) <= year


def without_plan_years(topic: str, folded: str, plan: PlanRecord) -> str:
    """The topic without the years that named the one plan in scope ("KH ATGT học sinh
    năm 2024 của tỉnh X …" and the plan issued in 2024): they chose the plan, and a sentence
    of its content need not repeat them (its dateline would be the one that does)."""
    named: set[int] = set()
    for match in _PLAN_PHRASE_RE.finditer(folded):
        if not _ABOUT_BEFORE_RE.search(folded[:match.start()]):  # not "… về kế hoạch …"
            named |= _named_years(match.group(1))
    for year in sorted(named & plan_years(plan.meta, plan_name(plan))):
        topic = re.sub(rf"(?:\bnam\s+)?(?<!\d){year}(?!\d)", " ", topic)
    return " ".join(topic.split())


def plan_phrase_years(folded: str) -> frozenset[int]:
    """Every year in the phrases of a question that name a plan ("kế hoạch … giai đoạn
    2021-2025:"): they choose the plan, not the year of a figure (``answer.gate``)."""
    years: set[int] = set()
    for match in _PLAN_PHRASE_RE.finditer(folded):
        years |= goal_years(match.group(1))
    return frozenset(years)


def _by_title(plans: list[PlanRecord], scorer: TopicScorer,
              by_text: bool) -> tuple[list[PlanRecord], float]:
    """The plans whose title fits the question's plan topic, best first, and the best fit
    (``plan_fit``: by the opening too when ``by_text``)."""
    fits = [(plan_fit(scorer, p, by_text), p) for p in plans]
    scored = sorted(((c.share if c.concepts else 0.0, p) for c, p in fits),
                    key=lambda item: -item[0])
    best = scored[0][0] if scored else 0.0
    if len(scored) > 1 and best - scored[1][0] >= _TITLE_MARGIN:
        return [scored[0][1]], best
    return [p for s, p in scored if s >= best - _TITLE_MARGIN], best


@lru_cache(maxsize=1024)
def text_names(text: str, displays: tuple[str, ...]) -> bool:
    """Does ``text`` (a plan's) name one of these localities, with its kind word or bare,
    by its own or an old/new name?"""
    wanted = [loc for loc in map(parse_locality, displays) if loc is not None]
    return bool(wanted) and any(m.loaded and not m.qualifier for m in find_localities(text, wanted))


# Where a plan's locality was read from when no line names its issuer: the unit its text
# names most.
_MENTIONED_ONLY = frozenset({"mentions"})
# "một phường ở TP Thủ Đức", "phường thuộc thành phố Thủ Đức": a unit of that kind inside
# the locality named next.
_INSIDE_RE = re.compile(r"\b(xa|phuong|thi tran)\s+(?:o|thuoc|tai|trong|tren dia ban)\s*$")
_KIND_OF = {"xa": "xã", "phuong": "phường", "thi tran": "thị trấn"}


def inside_kind(analysis: QueryAnalysis, display: str) -> str | None:
    """The kind of unit the question asks about inside ``display`` (one it names), when it
    asks so ("một phường ở TP Thủ Đức" -> "phường"), else None."""
    for mention in analysis.mentions:
        if mention.locality.display == display:
            found = _INSIDE_RE.search(analysis.folded[:mention.start])
            if found:
                return _KIND_OF[found.group(1)]
    return None


def open_to(plan: PlanRecord, displays: tuple[str, ...],
            inside: Callable[[str], str | None] = lambda display: None) -> bool:
    """May ``plan`` be one of these localities' though its locality is not one of them?
    Its locality is unknown and its text names one of them; or the question asks about a
    unit of some kind inside one of them (``inside``: "một phường ở TP Thủ Đức"), the plan's
    locality was read only from its mentions and contains that one, and its text names
    that one and its own issuer by that kind alone (a ward's page: "phân cấp, ủy quyền của
    thành phố Thủ Đức cho Ủy ban nhân dân phường", located as thành phố Hồ Chí Minh). A
    city's plan naming its communes' figures is no plan of a commune."""
    meta = plan.meta
    if meta.locality is None:
        return text_names(plan.text, displays)
    if meta.locality_source not in _MENTIONED_ONLY:
        return False
    own = parse_locality(meta.locality)
    for display in displays:
        kind, loc = inside(display), parse_locality(display)
        if (kind and own is not None and loc is not None and within(loc, own)
                and text_names(plan.text, (display,)) and names_issuer_bare(plan.text, kind)):
            return True
    return False


def placed_for(index: PlanIndex, displays: Iterable[str]) -> Callable[[str], bool]:
    """For the gate: a plan's locality is known, or its text names one of ``displays``."""
    displays = tuple(displays)

    def placed(doc: str) -> bool:
        plan = index.plans.get(doc)
        return plan is None or plan.meta.locality is not None or text_names(plan.text, displays)
    return placed


def locality_groups(index: PlanIndex, docs: Iterable[str]) -> dict[str, frozenset[str]]:
    """The plans of ``docs`` by locality; a plan of unknown locality is a group of its own
    (two such plans may be two places: neither may speak for the other)."""
    groups: dict[str, set[str]] = {}
    for doc in sorted(docs):
        groups.setdefault(index.plans[doc].meta.locality or f"#{doc}", set()).add(doc)
    return {key: frozenset(value) for key, value in groups.items()}


def select_plans(analysis: QueryAnalysis, index: PlanIndex, named: Iterable[str],
                 only_docs: Collection[str] | None) -> PlanScope:
    """The plans of the localities in ``named`` (all when empty) that fit the question's
    plan number, topic and year; ``only_docs`` is the face's plan filter. A plan whose
    locality is unknown (or, asked of a unit inside one of them, only read from its
    mentions) is one of ``named``'s only when its text names one of them (``open_to``)."""
    named = tuple(named)
    plans = [p for d, p in sorted(index.plans.items())
             if (not named or p.meta.locality in named
                 or open_to(p, named, lambda display: inside_kind(analysis, display)))
             and (only_docs is None or d in only_docs)]
    label = named[0] if len(named) == 1 else None
    if not plans:
        return PlanScope(frozenset(), named, label, missing="no_plan")
    if analysis.doc_number:
        numbered = [p for p in plans if p.meta.number == analysis.doc_number]
        if numbered:
            plans = numbered
    yearlike = None
    if analysis.yearlike_number and not analysis.doc_number:
        numbered = [p for p in plans
                    if (p.meta.number or "").split("/")[0] == analysis.yearlike_number]
        if numbered:  # "KH 1924 của Ninh Thuận": plan 1924/KH-UBND is loaded
            plans, yearlike = numbered, analysis.yearlike_number
    year = _named_plan_year(analysis, yearlike)
    cited_year = None
    if year is not None:
        # A plan whose years are unknown (no title or date read) is not excluded.
        horizon = _horizon(analysis, year)
        fitting = [p for p in plans if _fits_year(p, year, horizon)]
        if not fitting:
            # "Kế hoạch CĐS năm 2023" asked, the 2024 plan loaded that reviews it: the
            # question is about what a loaded plan says of that year, judged sentence by
            # sentence; refused here only when no plan of the locality writes the year.
            fitting = [p for p in plans if names_year(p.text, year)]
            if not fitting:
                return PlanScope(frozenset(), named, label, missing="year")
            plans, cited_year = fitting, year
        else:
            plans = fitting
    if cited_year is not None:  # the plan asked is not loaded: no loaded title describes it
        if len(plans) == 1 and label is None:
            label = plans[0].meta.locality
        return PlanScope(frozenset(p.meta.doc_id for p in plans), named, label, cited_year=cited_year,
                         cited_name=_name_before(analysis, cited_year))
    plan_level = analysis.kind in FIELD_KINDS
    topic = plan_topic(analysis) if plan_level else ""
    if plan_level and topic and not analysis.doc_number:
        scorer = TopicScorer(topic, index.bm25, abbreviations=index.abbreviations)
        if scorer.total > 0:
            chosen, best = _by_title(plans, scorer, by_text=False)
            if best < FIELD_TITLE_COVERAGE and named:  # no title fits: what the plans say
                chosen, best = _by_title(plans, scorer, by_text=True)
            if best < FIELD_TITLE_COVERAGE:
                return PlanScope(frozenset(), named, label, missing="topic")
            plans = chosen
    if len(plans) == 1 and label is None:
        label = plans[0].meta.locality
    return PlanScope(frozenset(p.meta.doc_id for p in plans), named, label, plan_level=plan_level)
