"""The one gate every answer passes: right plan, right locality, topic covered, value of
the kind asked.

An answer is built from typed candidates — a sentence of a retrieved passage, a record
extracted at load time (a target, a deadline, a unit's task), or a field of a plan (its
number, date, signer). Whatever produced it, a candidate answers only if ``AnswerGate``
admits it; there is no other way to an answer. Rejections carry a reason, so tests can
show that each former shortcut is now checked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kehoach.answer.query import QueryAnalysis
from kehoach.answer.scope import FIELD_TITLE_COVERAGE, PlanScope, plan_phrase_years
from kehoach.answer.scoring import Coverage
from kehoach.core.settings import Settings
from kehoach.core.text import fold, syllables
from kehoach.grammar.abbreviations import spell_out
from kehoach.answer.question_kinds import asks_goal
from kehoach.grammar.bases import under_bases_heading
from kehoach.grammar.dates import find_dates, goal_years, names_year
from kehoach.grammar.docrefs import DOC_TYPES
from kehoach.grammar.markers import strip_marker
from kehoach.grammar.rounds import disagree, rounds
from kehoach.grammar.sections import in_review
from kehoach.grammar.units import NAMED_ROLES, compatible_roles

__all__ = ["Candidate", "AnswerGate", "FIGURE_KINDS", "Place"]

# Value kinds a candidate can state. A figure belongs to the locality the span is about;
# a date, unit or document may name the body above (the recipient of a report, the issuer).
FIGURE_KINDS = frozenset({"percent", "number", "year"})
# A sentence listing what the plan is based on ("Căn cứ Quyết định … phê duyệt Chiến lược …
# giai đoạn 2010-2020", an item under "I. CĂN CỨ PHÁP LÝ", "Thực hiện Nghị quyết số
# 07-NQ/HU … giai đoạn 2023-2026;"): its periods are those of the documents it cites.
# (Not "THỰC HIỆN ĐỀ ÁN “…” GIAI ĐOẠN 2022-2025", a title: the programme implemented may be
# what is asked; a numbered resolution or decision has no period of its own to ask.)
_BASIS_RE = re.compile(r"^(?:can cu\b|(?:thuc hien|trien khai|cu the hoa) (?:nghi quyet|chi thi"
                       r"|quyet dinh|thong tu|nghi dinh|ket luan|thong bao|cong van) (?:so )?\d)")
# A span speaks of a document when it names one by its type ("Kế hoạch số 56/KH-UBND …",
# "Đề án … đến năm 2025").
_DOCUMENT_RE = re.compile(r"\b(?:" + "|".join(DOC_TYPES) + r")\b")


@dataclass(frozen=True)
class Place:
    """A locality a span names: its folded name, and whether it is above the plan's own
    locality (the province of a commune's plan), the plan's own, or another one."""

    key: str
    relation: str  # "own" | "above" | "below" (inside the plan's own locality) | "other"
    # | "subject" (a unit inside it that the plan's title says the plan is about)


@dataclass(frozen=True)
class Candidate:
    """One possible answer, located in its plan.

    ``stated`` holds the kinds of value the span states ("percent", "number", "year",
    "date", "deadline" (a date that is not a cited document's), "unit", "docref",
    "docref:<type>", "ordinal:<head>", "field:<name>", "text"). ``leans_on_heading``: the
    span may take its topic from the heading it sits under (a date under "THỜI GIAN THỰC
    HIỆN", a duty under the unit's heading). ``places`` is computed only when needed.
    """

    origin: str  # "sentence" | "record" | "field"
    doc: str
    start: int
    end: int
    section: str
    text: str
    stated: frozenset[str]
    coverage: Coverage
    leans_on_heading: bool = False
    heading: bool = False
    cites: Callable[[str], bool] | None = None
    # For a cited document asked by its issuer ("nghị quyết nào của Chính phủ"): does the
    # span cite one of the asked type issued by that body (None: it does not say who issued).
    issued_by: Callable[[str, str | None], bool | None] | None = None
    # Does the span cite a document of this number and type ("524", "quyet dinh")?
    cites_ref: Callable[[str, str | None], bool] | None = None
    # Does it cite one of the asked type of this year ("Nghị định năm 2024"; None: no year shown)?
    dated_in: Callable[[str, str | None], bool | None] | None = None
    places: Callable[[], tuple[Place, ...]] | None = None
    source: Any = None


class AnswerGate:
    """Admits or rejects candidates for one question and its plan scope."""

    def __init__(self, analysis: QueryAnalysis, scope: PlanScope, settings: Settings,
                 wanted: str | None = None, required_place: str | None = None,
                 min_share: float | None = None,
                 title_of: Callable[[str], str] | None = None,
                 placed: Callable[[str], bool] | None = None) -> None:
        """``wanted`` overrides the value kind the analysis asks for (a comparison probe);
        ``required_place``: the span must name this locality (folded), as when the plans in
        scope are a province's and the question asks about one of its communes;
        ``min_share`` replaces the topic bar for a question asking for a list ("những mốc
        hạn nào"), whose words name the kind of item more than a topic. ``title_of`` gives a
        plan's title, the last place a target's year may be written. ``placed(doc)``: the
        plan's locality is known, or its text names a locality the question asks about; a
        plan whose locality is unknown answers a question naming a locality only then."""
        self.analysis = analysis
        self.scope = scope
        self.settings = settings
        self.wanted = frozenset({wanted}) if wanted else _wanted(analysis)
        self.required_place = required_place
        self.asked_places = frozenset(_key(name) for name in scope.localities)
        self.min_share = min_share if min_share is not None else settings.min_topic_coverage
        self.title_of = title_of
        self.target_years = _target_years(analysis)
        self.asked_rounds = rounds(analysis.folded)  # "đợt 2", "lần thứ hai", "giai đoạn II"
        self.placed = placed

    def reason(self, candidate: Candidate) -> str | None:
        """None when the candidate may answer, else why not (plan, value, topic, locality)."""
        if candidate.doc not in self.scope.docs:
            return "plan"
        if candidate.heading or not self.wanted & candidate.stated:
            return "value"
        action = self.analysis.unit_action
        if action and re.search(rf"\b{re.escape(action)}\b", fold(candidate.text)) is None:
            return "value"  # "đơn vị nào thẩm định …": a body that does something else is no answer
        number = self.analysis.cited_number
        if number and (candidate.cites is None or not candidate.cites(number)):
            return "value"
        day = self.analysis.cited_date
        if day and not any(d.iso == day for d in find_dates(candidate.text)):
            return "value"
        ref_number = self.analysis.cited_ref_number
        if ref_number and (candidate.cites_ref is None
                           or not candidate.cites_ref(ref_number, self.analysis.doc_type)):
            return "value"  # "Quyết định 524 mà …": another document is no answer
        year = self.analysis.cited_year
        if year and candidate.dated_in is not None:
            dated = candidate.dated_in(year, self.analysis.doc_type)
            if dated is False or (dated is None and year not in candidate.text):
                return "value"  # "Nghị định năm 2024": a decree of 2016 (or of no year said) is another one
        issuer = self.analysis.cited_issuer
        if (issuer and candidate.issued_by is not None
                and candidate.issued_by(issuer, self.analysis.doc_type) is False):
            return "value"  # a document of the type asked, issued by another body
        if (self.analysis.kind == "deadline" and self.analysis.wants == "year"
                and (_BASIS_RE.match(fold(strip_marker(candidate.text)).strip())
                     or under_bases_heading(candidate.section))):
            return "value"  # the period asked is the plan's own time frame, not a cited one's
        if (self.analysis.kind == "target" and asks_goal(self.analysis.folded)
                and in_review(candidate.section) and self.scope.cited_year is None):
            # A result reported in a review, not a goal; but a plan of a past year, not
            # loaded, is spoken of in the loaded plan's review of that year.
            return "value"
        if self.target_years and not self._right_years(candidate):
            return "year"  # the figure is for another year or period than the one asked
        if self.asked_rounds and not self._right_round(candidate):
            return "round"  # "đợt 2" asked, the text is of "đợt 1"
        year = self.scope.cited_year
        if year is not None and not _speaks_of(candidate.text, year, self.scope.cited_name):
            return "year"  # the plan of the year asked is not loaded; this span is not about it
        coverage = candidate.coverage
        least = FIELD_TITLE_COVERAGE if candidate.origin == "field" else self.min_share
        if not coverage.concepts or coverage.share < least:
            return "topic"
        if coverage.direct < self.settings.min_direct_coverage and not candidate.leans_on_heading:
            return "topic"
        if ((self.asked_places or self.required_place) and self.placed is not None
                and not self.placed(candidate.doc)):
            return "locality"  # a plan of unknown locality that never names the one asked
        if not self._right_place(candidate):
            return "locality"
        return None

    def admits(self, candidate: Candidate) -> bool:
        return self.reason(candidate) is None

    def _right_years(self, candidate: Candidate) -> bool:
        """A target's years, from the nearest place that states them: the record's own
        year (carried from its heading at load time), else the span, the heading it sits
        under, the plan's title. No year anywhere contradicts nothing."""
        year = getattr(candidate.source, "year", None) if candidate.origin == "record" else None
        if isinstance(year, str) and year[:1].isdigit():
            first, _, last = year.partition("-")
            stated = frozenset(range(int(first), int(last or first) + 1))
        else:
            title = self.title_of(candidate.doc) if self.title_of else ""
            stated = (goal_years(candidate.text) or goal_years(candidate.section)
                      or goal_years(title))
        return not stated or bool(stated & self.target_years)

    def _right_round(self, candidate: Candidate) -> bool:
        """The round or phase asked ("đợt 2") agrees with the one the nearest place names:
        the span, else the heading it sits under, else the plan's title ("Tháng vệ sinh …
        đợt 1 năm 2025"). A text naming no round contradicts nothing."""
        title = self.title_of(candidate.doc) if self.title_of else ""
        stated = rounds(candidate.text) or rounds(candidate.section) or rounds(title)
        return not disagree(self.asked_rounds, stated)

    def _right_place(self, candidate: Candidate) -> bool:
        """The span states its value for the locality asked about (or, when none is named,
        for its own plan's locality), never for another one."""
        places = candidate.places() if candidate.places else ()
        figure = any(w in FIGURE_KINDS or w.startswith("ordinal:") for w in self.wanted)
        # A body of a unit inside the plan's locality ("UBND các huyện An Lão, …" in the
        # province's plan) is one of the plan's own bodies; its figure is not the plan's.
        unit = all(w == "unit" or w.startswith("unit:") for w in self.wanted)
        others = {p.key for p in places if p.relation == "other" or (figure and p.relation == "above")
                  or (p.relation == "below" and not unit)}
        if self.required_place is not None:
            return self.required_place in {p.key for p in places} and others <= {self.required_place}
        if self.asked_places:
            return others <= self.asked_places
        return not others


# Of the words naming a plan not loaded ("chuyển đổi số"), this share at least is in a
# span about it.
_NAME_SHARE = 0.5


def _speaks_of(text: str, year: int, name: str) -> bool:
    """Does a span speak of a document of ``year`` named by ``name`` (a plan a loaded one
    reviews, a decree it cites)? It writes the year, names a document, and most of the
    words the question names it by."""
    folded = fold(text)
    if not names_year(text, year) or _DOCUMENT_RE.search(folded) is None:
        return False
    wanted = syllables(spell_out(name))
    if not wanted:
        return True
    written = set(syllables(spell_out(folded)))
    return sum(w in written for w in wanted) >= _NAME_SHARE * len(wanted)


def _target_years(analysis: QueryAnalysis) -> frozenset[int]:
    """The years a target question asks the figure for ("chỉ tiêu … đến năm 2025",
    "giai đoạn 2021-2025"); a year in the phrase naming the plan ("Kế hoạch … năm 2023:")
    chooses the plan (``answer.scope``), not the figure."""
    if analysis.kind != "target":
        return frozenset()
    return goal_years(analysis.folded) - plan_phrase_years(analysis.folded)


def _key(display: str) -> str:
    from kehoach.grammar.localities import parse_locality

    locality = parse_locality(display)
    return locality.key if locality else display


def _wanted(analysis: QueryAnalysis) -> frozenset[str]:
    """The value kinds an answer may state for this question (one of them)."""
    if analysis.fields:
        return frozenset(f"field:{name}" for name in analysis.fields)
    if analysis.wants == "ordinal":
        return frozenset({f"ordinal:{analysis.ordinal}"})
    if analysis.wants == "docref" and analysis.doc_type and analysis.doc_type != "van ban":
        return frozenset({f"docref:{analysis.doc_type}"})
    if analysis.wants == "date" and analysis.kind == "deadline" and not analysis.cited_number:
        wanted = {"deadline:end" if analysis.asks_end else "deadline:due" if analysis.asks_due
                  else "deadline"}
        return frozenset(wanted | ({"date:event"} if analysis.asks_effect else set()))
    if analysis.wants == "unit" and analysis.unit_role:
        # "Theo đề nghị của sở nào": a body given that role. A unit's own part of "Tổ chức
        # thực hiện" (its heading) answers who leads or does a task, never who is its
        # partner, its report's recipient, the standing body or the proposer.
        roles = {f"unit:{r}" for r in compatible_roles(analysis.unit_role)}
        return frozenset(roles if analysis.unit_role in NAMED_ROLES else roles | {"unit:heading"})
    return frozenset({analysis.wants})
