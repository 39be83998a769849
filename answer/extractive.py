"""Grounded extractive answers: pick the sentence that answers, quote it, cite it.

No language model: the answer is the plan's own sentence (the figure, date or unit as
written) with a short Vietnamese lead and a [n] marker. When no retrieved sentence covers
the question's topic *and* states what the question asks for (a figure, a date, a unit),
the answer says so (found=false) and lists the closest passages as related citations.
The search is limited to the locality the question names, so another locality's figure
is never given as this one's.
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Collection
from dataclasses import dataclass

from kehoach.answer.candidates import PlaceReader, sentence_candidate, title_subjects
from kehoach.answer.citations import cite
from kehoach.answer.compose import (NO_PLANS, deadline_phrase, holds, not_found, out_of_scope, plan_ref,
                                    quote, unknown_locality)
from kehoach.answer.evidence import Sentence, candidate_sentences
from kehoach.answer.gate import AnswerGate, Candidate
from kehoach.answer.levels import asked_kinds, bare_level, of_kinds, plans_of_level
from kehoach.answer.lexicon import STOP_SYLLABLES
from kehoach.answer.metadata_answers import answer_metadata
from kehoach.answer.query import FIELDS, QueryAnalysis, analyse, as_reference, named_doc_type, spelled_out
from kehoach.answer.scope import (PlanScope, cited_topic, content_topic, inside_kind, locality_groups, open_to,
                                  placed_for, plan_fit, plan_name, plan_topic, select_plans, text_names,
                                  without_plan_years)
from kehoach.answer.scoring import Coverage, TopicScorer
from kehoach.answer.structured_answers import deadlines_answer, responsible_answer, target_answer
from kehoach.answer.question_kinds import NOT_PLAN_TYPES, asks_posted
from kehoach.grammar.dates import find_dates, states_time_frame, without_end_cues, without_periods
from kehoach.grammar.docrefs import DocRef, doc_type_of, find_docrefs, issued_by, ref_at, ref_year, same_number
from kehoach.grammar.header import read_enacting_clause
from kehoach.grammar.themes import states_theme
from kehoach.index.retriever import HybridRetriever
from kehoach.ingest.chunking import short_title
from kehoach.ingest.structure import OPENING_LABEL
from kehoach.grammar.localities import Locality, find_localities, parse_locality, within
from kehoach.grammar.plan_locality import WEAK_SOURCES
from kehoach.grammar.posting import is_posting_line
from kehoach.grammar.units import ACCOUNTABLE, LEAD, PROPOSER, RECIPIENT, STANDING, compatible_roles
from kehoach.core.records import SECTION_SEP, Answer, Citation, Hit
from kehoach.core.settings import Settings
from kehoach.core.text import fold, fold_aligned, syllables

__all__ = ["ExtractiveAnswerer", "Scored"]

# Retrieval breadth for answering, per locality in scope.
_HITS_PER_QUESTION = 8
_HITS_PER_LOCALITY_COMPARE = 4
# Related passages listed when nothing answers.
_RELATED = 3
# Quote lengths (characters) for one answer and for each line of a list.
_QUOTE_CHARS = 320
# A question asking for several figures or dates gets at most this many sentences, each
# covering at least this share of the best one's topic coverage.
_MAX_PARTS = 3
# With many localities loaded, a comparison looks at the localities of this many passages
# per compared locality.
_COMPARE_POOL_PER_LOCALITY = 3
_ASKS_MONTH = re.compile(r"\bthang (may|nao)\b")
# Words before a plan's number that cite it rather than report it.
_CITING_RE = re.compile(r"\b(?:can cu|thuc hien|trien khai|theo|cu the hoa|tiep tuc)\b")
# Words of a question naming a document's type, issuer and enacting verb, not its subject.
_TYPE_AND_ISSUER_WORDS = frozenset(
    "quyet dinh nghi chi thi cong van uy ban nhan dan hoi dong tinh huyen xa thanh pho phuong quan "
    "phe duyet hanh".split())
_PART_SHARE = 0.8
_NEIGHBOUR_PART_SHARE = 0.5
_LIST_QUOTE_CHARS = 150
_MIN_LIST_QUOTE = 60
_LIST_OVERHEAD = 120  # the list's first and last lines
_LIST_LINE_OVERHEAD = 30  # "- xã Nguyễn Lương Bằng: … [n]"
# A plan-level question that fits more plans than this asks which one is meant.
_MAX_FIELD_PLANS = 3
_MAX_LISTED_PLANS = 6
# Small tie-breakers added to topic coverage.
_RETRIEVAL_WEIGHT = 0.1
_RANK_PENALTY = 0.01
# A sentence whose acting unit is the one the question names ("Các cơ quan, đơn vị ...
# phải gửi báo cáo") beats one about another unit.
_ACTOR_BONUS = 0.15
_ACTOR_SYLLABLES = 4
# Asked a cited document's date, a sentence citing it with its date beats one naming it bare.
_DATED_REF_BONUS = 0.15
_POSTED_BONUS = 0.3
# How far back the sentence before a news page's role sentence is looked for.
_BEFORE_CHARS = 600
_ACTOR_SHARE = 0.75


# A role said of the plan itself takes the plan's title, or this much of its opening, as topic.
_OPENING_CHARS = 600
# A news item or notice names the plan it is about in its opening.
# "kế hoạch" in a question about a cited document names the plan; a plan's opening says what
# it rests on with one of these words.
_PLAN_WORD_RE = re.compile(r"\b(?:ke hoach|kh)\b")
_BASIS_LEAD_RE = re.compile(r"(?:^|\n)\s*(can cu|thuc hien|trien khai)\b")
# The enacting clause is looked for in the plan's opening.
_ENACTING_SCAN_CHARS = 6000
# Words that part two dated items of one sentence ("… từ ngày 12 đến 19-11-2014 và đợt III …").
_PARTING_RE = re.compile(r"\s(?:va|hoac)\s|;|\.\s")
# A date phrase that is a whole time frame ("từ ngày 16/8/2014 đến ngày 23/8/2014").
_FRAME_LEAD_RE = re.compile(r"(?:bat dau )?(?:tu|ke tu)\b")


@dataclass
class _Timer:
    """Time spent retrieving during one answer (per call, so answering is re-entrant)."""

    retrieve_ms: float = 0.0


def _names_plan(ref: DocRef, folded: str, number: str) -> bool:
    """Is ``ref`` a plan named by its type word and ký hiệu ("Kế hoạch số 151/KH-UBND"),
    numbered ``number``? (``folded``: the text ``ref`` was read from, folded.)"""
    return (same_number(ref.number, number) and ref.symbol is not None
            and doc_type_of(ref.symbol) == "Kế hoạch" and folded.startswith("ke hoach", ref.start))


def _parent(section: str) -> str:
    """The heading a paragraph sits under (its own label is the path's last part)."""
    return section.rpartition(SECTION_SEP)[0]


@dataclass(frozen=True)
class Scored:
    """A candidate sentence, its ranking score, and whether the gate admitted it."""

    candidate: Candidate
    score: float
    eligible: bool

    @property
    def sentence(self) -> Sentence:
        return self.candidate.source

    @property
    def coverage(self) -> Coverage:
        return self.candidate.coverage


class ExtractiveAnswerer:
    """Answers questions from one loaded index."""

    def __init__(self, retriever: HybridRetriever, settings: Settings) -> None:
        self.retriever = retriever
        self.index = retriever.index
        self.settings = settings
        self.loaded: list[Locality] = [
            loc for loc in (parse_locality(name) for name in retriever.localities) if loc
        ]
        self._plan_text = {doc: plan.text for doc, plan in self.index.plans.items()}
        # A legal-document website's table ("| Số hiệu | 53/KH-UBND | Ngày ban hành | …")
        # is the plan's metadata, answered as plan fields, never quoted as content.
        self._site_spans = {doc: [span for key, span in plan.meta.evidence.items() if key.startswith("site:")]
                            for doc, plan in self.index.plans.items()}
        # So is a sentence that is only the enacting clause ("UBND thành phố Cần Thơ ban
        # hành Kế hoạch thực hiện chỉ tiêu …, cụ thể như sau:"): it restates the title.
        self._enacting = {doc: _enacting_start(plan.text) for doc, plan in self.index.plans.items()}
        subjects = {doc: title_subjects(plan.meta.title, plan.meta.locality, self.loaded)
                    for doc, plan in self.index.plans.items()}
        self.places = PlaceReader(self.loaded, lambda doc: self.index.plans[doc].meta.locality,
                                  lambda doc: subjects.get(doc, frozenset()))
        self._doc_rows = self.index.doc_rows()

    # ----------------------------------------------------------------- entry point
    def answer(self, question: str, locality: str | None = None, k: int | None = None,
               doc_ids: Collection[str] | None = None) -> Answer:
        """``doc_ids`` limits the answer to these plans (None = all loaded plans)."""
        started = time.perf_counter()
        timer = _Timer()
        question = question.strip()
        analysis = analyse(question, self.loaded)
        text, found, citations, scope = self._route(
            analysis, locality, k, timer, set(doc_ids) if doc_ids is not None else None)
        if found:
            text = self._where_note(text, citations)
        total_ms = (time.perf_counter() - started) * 1000
        return Answer(
            question=question,
            answer=text,
            found=found,
            locality=scope,
            citations=tuple(citations),
            timings_ms={"retrieve": timer.retrieve_ms, "answer": total_ms - timer.retrieve_ms},
            kind=analysis.kind,
        )

    # ----------------------------------------------------------------- routing
    def _route(self, analysis: QueryAnalysis, locality: str | None, k: int | None,
               timer: "_Timer", only_docs: set[str] | None = None,
               ) -> tuple[str, bool, list[Citation], str | None]:
        if not self.index.chunks:
            return NO_PLANS, False, [], None
        loaded_names = [loc.display for loc in self.loaded]
        if locality:
            mentions = find_localities(locality, self.loaded)
            named = [m.locality.display for m in mentions] or [locality]
            asked = [m.locality.display for m in mentions if m.loaded]
            if not asked:
                asked = self._named_by_unplaced(named)
            if not asked:
                return self._unknown(analysis, named, loaded_names, timer)
        required = None
        if not locality:
            asked = analysis.loaded_localities
            titled = self._titled_for(analysis.unknown_localities) if not asked else set()
            if titled:
                # A province's decision "phê duyệt đề án … trên địa bàn huyện Đam Rông" is a
                # plan about that district: it answers for it, while its own locality (the
                # province) stays the one the gate holds its figures to.
                asked = sorted({self.index.plans[d].meta.locality for d in titled})
                only_docs = titled if only_docs is None else only_docs & titled
            elif analysis.unknown_localities and not asked:
                # A commune whose own plan is not loaded may be named in the plan of the
                # district or province it lies in: look there, for sentences naming it.
                above = self._loaded_above(analysis)
                unplaced = self._named_by_unplaced(analysis.unknown_localities, analysis)
                if unplaced:  # a plan of unknown locality whose text names the one asked
                    asked = unplaced
                elif above is None or analysis.fields:
                    return self._unknown(analysis, analysis.unknown_localities, loaded_names, timer)
                else:
                    asked, required = above
            level = None if asked else bare_level(analysis.folded, analysis.mentions)
            if level is not None:  # "của xã": the plans of that level, whichever is meant
                of_level = plans_of_level(level, {d: p.meta.locality for d, p in self.index.plans.items()})
                if of_level:
                    only_docs = of_level if only_docs is None else only_docs & of_level
        reported = self._reported(analysis)
        if reported:  # the plan asked for is loaded as a text about it (a news report)
            analysis = dataclasses.replace(analysis, doc_number=None)
            only_docs = reported if only_docs is None else only_docs & reported
        analysis = self._own_number(analysis)
        analysis = self._cited_plan(analysis)
        scope = select_plans(analysis, self.index, asked, only_docs)
        cited = self._cited_subject(analysis, scope)
        if cited is not None:  # asked of a document a plan cites: the plan's content, not its title
            analysis = cited
            scope = select_plans(analysis, self.index, asked, only_docs)
        if scope.empty:
            return self._out_of_scope(analysis, scope, timer)
        if scope.cited_year is not None and analysis.fields:
            # The plan of the year asked is not loaded: its number or date can only be a
            # document a loaded plan cites ("Ngày 04/3/2023, UBND … ban hành Kế hoạch số 56
            # …"), never the loaded plan's own; of the type the question names (any, when it
            # names none: "Phương án … là số mấy").
            if not set(analysis.fields) <= {"number", "issue_date"}:
                return self._out_of_scope(analysis, dataclasses.replace(scope, docs=frozenset(),
                                                                         missing="year"), timer)
            doc_type = named_doc_type(analysis.question) or "van ban"
            # The plan of that year is the locality's own: one another body issued (the
            # province's, cited in a commune's plan) is not it.
            issuer = (f"uy ban nhan dan {fold(scope.label)}" if doc_type == "ke hoach" and scope.label
                      and not analysis.cited_issuer else analysis.cited_issuer)
            analysis = as_reference(analysis, doc_type, cited_day="number" not in analysis.fields,
                                    asked_fields=analysis.fields, cited_issuer=issuer)
        # (Not when the plan of the year asked is not loaded: a loaded plan is not it.)
        typed = self._own_type_docs(analysis, scope) if scope.cited_year is None else frozenset()
        if typed:  # the plan's own fields, of the plans of that type, chosen as for those
            own = self._as_own_fields(analysis)
            rescoped = select_plans(own, self.index, asked, typed)
            if not rescoped.empty:
                analysis, scope = own, rescoped
        topic = analysis.topic
        if scope.cited_year is not None:  # the plan asked is not loaded: what is asked of it
            topic = cited_topic(topic, scope.cited_name)
        if len(scope.docs) > 1 and not analysis.fields and analysis.wants == "unit":
            # "Sở nào trình kế hoạch X": a role said of the plan itself, of the one named.
            scope = self._named_by_title(topic, scope)
        if len(scope.docs) == 1 and not analysis.fields:
            (only,) = scope.docs
            topic = content_topic(topic, self.index.plans[only].meta.title or "", STOP_SYLLABLES,
                                  keep_concepts=analysis.kind != "reference")
            topic = without_plan_years(topic, analysis.folded, self.index.plans[only])
        if analysis.kind == "target":
            # The years of a target question are checked on their own (``AnswerGate``):
            # "giai đoạn 2021-2025" names when, not what, so it is no topic word to cover.
            topic = without_periods(topic) or topic
        if analysis.kind == "reference":
            topic = self._reference_topic(analysis, topic, scope)
        scorer = TopicScorer(topic, self.index.bm25, self._rows_of(scope.docs),
                             abbreviations=self.index.abbreviations)
        placed = placed_for(self.index, asked)
        gate = AnswerGate(analysis, scope, self.settings, required_place=required,
                          title_of=self._title_of, placed=placed)
        label = scope.label
        if required is not None:
            gate.asked_places = frozenset({required})

        if analysis.fields == ("parent",) and not any(
                self.index.plans[d].meta.parent_plan for d in scope.docs):
            # No plan in scope has its parent plan read from its opening: a "Kế hoạch số …"
            # it cites elsewhere may still be the one asked for, through the same gate.
            analysis = dataclasses.replace(analysis, kind="reference", wants="docref", fields=(),
                                           doc_type="ke hoach")
            gate = AnswerGate(analysis, scope, self.settings, required_place=required, placed=placed)
            if required is not None:
                gate.asked_places = frozenset({required})
        reported = self._reported_number(analysis, scope)
        if reported is not None:
            analysis = reported
            gate = AnswerGate(analysis, scope, self.settings, required_place=required,
                              title_of=self._title_of, placed=placed)
        if analysis.fields:
            return (*self._fields(gate, scope), label)
        exact = (target_answer(gate, self.index, scorer, self.places)
                 or deadlines_answer(gate, self.index, scorer, self.places)
                 or responsible_answer(gate, self.index, scorer, self.places))
        if exact is not None:
            return (*exact, label)
        # Plans of different or unknown localities: each answers for its own, never one for all.
        groups_in_scope = locality_groups(self.index, scope.docs)
        if analysis.kind == "compare" or (not asked and analysis.wants not in ("text", "theme")
                                          and len(groups_in_scope) > 1):
            compared = self._compare(analysis, scorer, scope, asked, timer)
            if isinstance(compared, frozenset):
                # One plan or locality answers: it is answered as when it is loaded alone
                # (its target records, deadlines, units), whatever else is loaded.
                names = {self.index.plans[d].meta.locality for d in compared}
                label = next(iter(names)) if len(names) == 1 else None
                scope = dataclasses.replace(scope, docs=compared, label=label)
                gate = AnswerGate(analysis, scope, self.settings, required_place=required,
                                  title_of=self._title_of, placed=placed)
                exact = (target_answer(gate, self.index, scorer, self.places)
                         or deadlines_answer(gate, self.index, scorer, self.places)
                         or responsible_answer(gate, self.index, scorer, self.places))
                if exact is not None:
                    return (*exact, label)
            elif compared is not None:
                return (*compared, label)
        hits = self._search(analysis, scope, k or _HITS_PER_QUESTION, timer)
        scored = self._scored(gate, scorer, hits)
        ranked = [s for s in scored if s.eligible]
        if not ranked and analysis.asks_end:
            # An end whose cue OCR garbled ("… đôn hậu tháng 12 năm 2025" for "đến hết"): any
            # date that can be due answers, never a news item's dateline.
            # The end's own words ("đến hết", from "kéo dài đến …") then are the cue the
            # garbling lost, no topic the sentence must cover.
            analysis = dataclasses.replace(analysis, asks_end=False, asks_due=True)
            gate = AnswerGate(analysis, scope, self.settings, required_place=required,
                              title_of=self._title_of)
            if required is not None:
                gate.asked_places = frozenset({required})
            scorer = TopicScorer(without_end_cues(topic) or topic, self.index.bm25,
                                 self._rows_of(scope.docs), abbreviations=self.index.abbreviations)
            scored = self._scored(gate, scorer, hits)
            ranked = [s for s in scored if s.eligible]
        if not ranked and analysis.several:
            ranked = self._joint_parts(gate, scorer, scored)
        if not ranked:
            if required is not None:  # say first that the commune's own plan is not loaded
                return (unknown_locality(analysis.unknown_localities, loaded_names)
                        + f" Kế hoạch của {', '.join(asked)} cũng không nêu nội dung này cho "
                        f"{analysis.unknown_localities[0]}.", False, self._related(hits),
                        analysis.unknown_localities[0])
            if scope.cited_year is not None:  # nothing loaded speaks of the year asked
                return self._out_of_scope(analysis, dataclasses.replace(scope, missing="year"), timer)
            return (not_found(label), False, self._related(hits), label)
        if analysis.several or analysis.kind == "tasks":
            picked = self._several(gate, ranked[0], scored)
            if len(picked) > 1:
                return (*self._listed(analysis, picked), label)
        return (*self._single(analysis, ranked[0]), label)

    def _rows_of(self, docs: Collection[str]) -> frozenset[int]:
        """The chunk rows of these plans: where a question's terms are looked for, so the
        plans in scope alone say which of its words they write (``TopicScorer``)."""
        return frozenset(int(i) for d in docs for i in self._doc_rows.get(d, ()))

    def _named_by_title(self, topic: str, scope: PlanScope) -> PlanScope:
        """The one plan in scope the question names by its title ("… đề nghị ban hành kế
        hoạch hành động vì sự tiến bộ phụ nữ …"), so a question about one plan is answered
        as when it is the only plan of its locality loaded; unchanged when none or several
        are named so."""
        named = [d for d in sorted(scope.docs)
                 if content_topic(topic, self.index.plans[d].meta.title or "", STOP_SYLLABLES) != topic]
        return dataclasses.replace(scope, docs=frozenset(named)) if len(named) == 1 else scope

    def _title_of(self, doc: str) -> str:
        """A plan's title for the gate's year check; a text with no title read (a commune
        page of "Các chỉ tiêu chủ yếu (nhiệm kỳ 2020-2025)") is named by its opening line."""
        return plan_name(self.index.plans[doc])

    def _titled_for(self, names: list[str]) -> set[str]:
        """Plans whose title names one of ``names`` (localities no loaded plan is of) lying
        within the plan's own locality: plans about that lower unit."""
        wanted = [loc for loc in map(parse_locality, names) if loc is not None]
        found = set()
        for doc, plan in self.index.plans.items():
            own = parse_locality(plan.meta.locality) if plan.meta.locality else None
            if (own is not None and plan.meta.title and any(within(loc, own) for loc in wanted)
                    and text_names(plan.meta.title, tuple(names))):
                found.add(doc)
        return found

    def _named_by_unplaced(self, names: list[str], analysis: QueryAnalysis | None = None) -> list[str]:
        """The localities of ``names`` that the text of some plan of unknown locality names
        (or, asked of a unit inside one, a plan only located by its mentions: ``scope.
        open_to``): such a plan may answer for them (the gate holds it to that), no other
        plan can."""
        plans = list(self.index.plans.values())

        def inside(display: str) -> str | None:
            return inside_kind(analysis, display) if analysis is not None else None
        return [name for name in names if any(open_to(p, (name,), inside) for p in plans)]

    def _where_note(self, text: str, citations: list[Citation]) -> str:
        """Say so when the locality of a cited plan is unknown or only guessed (from the
        place line or the file's name), within the answer's length."""
        notes = []
        for doc in dict.fromkeys(c.doc for c in citations):
            plan = self.index.plans.get(doc)
            if plan is None:
                continue
            meta = plan.meta
            if meta.locality is None:
                notes.append("kế hoạch không ghi rõ địa phương ban hành")
            elif meta.locality_source in WEAK_SOURCES:
                how = "tên tệp" if meta.locality_source == "file" else "dòng địa danh, ngày tháng"
                notes.append(f"địa phương ({meta.locality}) suy ra từ {how}")
        if not notes:
            return text
        note = "\n(Lưu ý: " + "; ".join(dict.fromkeys(notes)) + ".)"
        return text + note if len(text) + len(note) <= self.settings.max_answer_chars else text

    def _loaded_above(self, analysis: QueryAnalysis) -> tuple[list[str], str] | None:
        """(loaded localities above the one unknown locality named, its folded name), when
        the question names exactly one locality and some loaded plan's locality contains it."""
        unknown = [m.locality for m in analysis.mentions if not m.loaded and not m.qualifier]
        if len(unknown) != 1:
            return None
        above = [loc.display for loc in self.loaded if within(unknown[0], loc)]
        if not above:  # a unit the gazetteer lacks, placed by the question ("huyện X (tỉnh Y)")
            above = [m.locality.display for m in analysis.mentions if m.qualifier and m.loaded]
        return (above, unknown[0].key) if above else None

    def _fields(self, gate: AnswerGate, scope: PlanScope) -> tuple[str, bool, list[Citation]]:
        """A plan-level question: the asked fields of the plan(s) in scope."""
        plans = [self.index.plans[d] for d in sorted(scope.docs)]
        if len(plans) > _MAX_FIELD_PLANS:
            return self._which_plan(plans)
        topic = TopicScorer(plan_topic(gate.analysis), self.index.bm25,
                            abbreviations=self.index.abbreviations)
        full = Coverage(1.0, 1.0)
        by_number = gate.analysis.doc_number is not None  # the number names the plan

        by_text = bool(scope.localities)  # the plans of the locality asked (``select_plans``)

        def title_coverage(plan) -> Coverage:
            return plan_fit(topic, plan, by_text) if topic.total > 0 and not by_number else full

        result = answer_metadata(gate, plans, self.index, title_coverage,
                                 month_is_enough=_ASKS_MONTH.search(gate.analysis.folded) is not None)
        return result.text, result.found, list(result.citations)

    def _which_plan(self, plans: list) -> tuple[str, bool, list[Citation]]:
        """Too many plans fit a plan-level question: ask which one, listing them."""
        listed = "; ".join(_plan_line(p.meta) for p in plans[:_MAX_LISTED_PLANS])
        more = f" và {len(plans) - _MAX_LISTED_PLANS} kế hoạch khác" if len(plans) > _MAX_LISTED_PLANS else ""
        return (f"Có {len(plans)} kế hoạch phù hợp, xin nêu rõ địa phương, số hoặc tên kế hoạch: "
                f"{listed}{more}.", False, [])

    def _out_of_scope(self, analysis: QueryAnalysis, scope: PlanScope, timer: "_Timer",
                      ) -> tuple[str, bool, list[Citation], str | None]:
        """The question names a plan (by year or subject) that is not loaded."""
        hits = self._search(analysis, None, _RELATED, timer)
        plans = [self.index.plans[d].meta for d in sorted(self.index.plans)
                 if not scope.localities or self.index.plans[d].meta.locality in scope.localities]
        return (out_of_scope(scope.missing, scope.label, [_plan_line(m) for m in plans[:_MAX_LISTED_PLANS]]),
                False, self._related(hits), scope.label)

    # ----------------------------------------------------------------- pieces
    def _search(self, analysis: QueryAnalysis, scope: PlanScope | None, k: int, timer: "_Timer",
                localities: list[str] | None = None) -> list[Hit]:
        started = time.perf_counter()
        docs = set(scope.docs) if scope is not None else None
        hits = self.retriever.search(analysis.search_text, k, localities, docs)
        timer.retrieve_ms += (time.perf_counter() - started) * 1000
        return hits

    def _reported(self, analysis: QueryAnalysis) -> set[str]:
        """Loaded texts that carry no number of their own and report the plan whose number
        the question gives ("UBND tỉnh vừa ban hành Kế hoạch số 1734/KH-UBND …", "… đề ra
        trong Kế hoạch số 151/KH-UBND"): that plan's figures and dates are theirs. A plan
        that only cites it ("Căn cứ / Thực hiện Kế hoạch số …") does not report it."""
        number = analysis.doc_number
        if (number is None or analysis.fields  # its number or date: the reporting sentence says it
                or any(p.meta.number == number for p in self.index.plans.values())):
            return set()
        digits = number.split("/")[0]
        found = set()
        for doc, plan in self.index.plans.items():
            if plan.meta.number:
                continue
            folded = fold_aligned(plan.text)
            for ref in find_docrefs(plan.text):
                if not _names_plan(ref, folded, digits):
                    continue
                lead = re.split(r"[.;:\n]", folded[max(0, ref.start - 200):ref.start])[-1]
                if not _CITING_RE.search(lead):
                    found.add(doc)
                    break
        return found

    def _reference_topic(self, analysis: QueryAnalysis, topic: str, scope: PlanScope) -> str:
        """A cited-document question's topic. "Kế hoạch" there names the plan, not the cited
        document (unless a plan is asked for). Left with nothing ("kh 53 Cần Thơ dựa trên văn
        bản nào"), the question asks what the one plan in scope rests on: the words its own
        opening uses for that ("Căn cứ …", "Thực hiện …") are the topic."""
        if analysis.doc_type != "ke hoach":
            topic = _PLAN_WORD_RE.sub(",", topic)
        if (TopicScorer(topic, self.index.bm25, abbreviations=self.index.abbreviations).total > 0
                or len(scope.docs) != 1):
            return topic
        (only,) = scope.docs
        opening = _BASIS_LEAD_RE.search(fold(self.index.plans[only].text[:_ENACTING_SCAN_CHARS]))
        return opening.group(1) if opening else topic

    def _own_number(self, analysis: QueryAnalysis) -> QueryAnalysis:
        """"Quyết định 503 ban hành ngày nào" reads as a cited decision, unless a loaded plan
        is itself that document (a plan issued as "503/QĐ-UBND"): then its fields are asked."""
        number = analysis.cited_ref_number
        if analysis.kind != "reference" or not number:
            return analysis
        for plan in self.index.plans.values():
            own = ref_at(plan.meta.number or "", 0)
            if (own is not None and own.number == number and own.symbol
                    and fold(doc_type_of(own.symbol) or "") == analysis.doc_type):
                fields = analysis.asked_fields or ("number",)
                return dataclasses.replace(analysis, kind=fields[0], fields=fields, wants="text",
                                           doc_number=plan.meta.number, doc_type=None,
                                           cited_ref_number=None, cited_issuer=None, cited_day=False)
        return analysis

    @staticmethod
    def _cited_subject(analysis: QueryAnalysis, scope: PlanScope) -> QueryAnalysis | None:
        """"Chỉ thị của Ban Thường vụ Tỉnh ủy … về xây dựng nông thôn mới mà KH giảm nghèo
        2024 nhắc tới là số mấy": read as the plan's number, no loaded title is about "nông
        thôn mới". A field question no title fits, whose subject is a type no plan is (a
        chỉ thị, nghị định …), asks the number or date of a document the plan cites: what
        the plan says, through the gate, not what it is titled. None otherwise."""
        if scope.missing != "topic" or not set(analysis.fields) & {"number", "issue_date"}:
            return None
        if not set(analysis.fields) <= {"number", "issue_date"}:
            return None
        doc_type = named_doc_type(analysis.question)
        if doc_type not in NOT_PLAN_TYPES:
            return None
        return as_reference(analysis, doc_type, cited_day="number" not in analysis.fields,
                            asked_fields=analysis.fields)

    def _reported_number(self, analysis: QueryAnalysis, scope: PlanScope) -> QueryAnalysis | None:
        """A page, not a plan (no number or title of its own: a news item on a ward's
        portal), asked the plan's number (and date): the plan it reports gives them ("…
        triển khai kế hoạch số 200/KH-UBND ngày 23/8/2023 của Ủy ban nhân dân Phường 1 về
        …"), as a document of the page's own locality the gate finds by topic; never the
        page's dateline. None when a plan in scope has a number or a title."""
        if "number" not in analysis.fields or not set(analysis.fields) <= {"number", "issue_date"}:
            return None
        metas = [self.index.plans[d].meta for d in scope.docs]
        if not metas or any(m.number or m.title or m.locality is None for m in metas):
            return None
        places = {m.locality for m in metas}
        if len(places) != 1:
            return None
        return as_reference(analysis, "ke hoach", asked_fields=analysis.fields,
                            cited_issuer=f"uy ban nhan dan {fold(places.pop())}")

    def _own_type_docs(self, analysis: QueryAnalysis, scope: PlanScope) -> frozenset[str]:
        """"Thanh Hóa ban hành KH hành động … bằng quyết định số mấy", "quyết định duyệt đề
        án … số mấy, ngày nào": a document of a type no plan is, named by no number, is a
        loaded plan itself when that plan was issued as one (its own số hiệu "01/QĐ-UBND")
        and fits the question's topic at least as well as every plan of another type in
        scope; the question must not say the plan relies on it ("thực hiện quyết định …").
        Returns those plans; none: it stays a cited document, and a Kế hoạch's own number
        never answers it."""
        if (analysis.kind != "reference" or analysis.cited_ref_number or analysis.cited_number
                or not analysis.doc_type or not (analysis.asked_fields or analysis.cited_day)
                or re.search(rf"{_CITING_RE.pattern}\s+{analysis.doc_type}\b",
                             spelled_out(analysis.folded))):
            return frozenset()
        typed, others = set(), set()
        for doc in scope.docs:
            own = ref_at(self.index.plans[doc].meta.number or "", 0)
            # a số hiệu with no type's initials ("476/UBND-VX") is a công văn's
            own_type = fold(doc_type_of(own.symbol) or "cong van") if own is not None and own.symbol else None
            (typed if own_type == analysis.doc_type else others).add(doc)
        if not typed or not others:
            return frozenset(typed)
        # What the document is about, not its type or its issuer's words ("quyết định của UBND
        # tỉnh phê duyệt …" would fit any decision's title).
        about = " ".join(w for w in plan_topic(analysis).split()
                         if w not in _TYPE_AND_ISSUER_WORDS and w not in analysis.doc_type.split())
        scorer = TopicScorer(about, self.index.bm25, abbreviations=self.index.abbreviations)
        if scorer.total <= 0:
            return frozenset()

        def fit(docs: set[str]) -> float:
            return max(plan_fit(scorer, self.index.plans[d], False).share for d in docs)
        return frozenset(typed) if fit(typed) >= fit(others) else frozenset()

    @staticmethod
    def _as_own_fields(analysis: QueryAnalysis) -> QueryAnalysis:
        """The reference question read as asking the plan's own fields."""
        fields = tuple(dict.fromkeys((*analysis.asked_fields, *(("issue_date",) if analysis.cited_day else ()))))
        fields = tuple(f for f in FIELDS if f in fields) or ("number",)
        return dataclasses.replace(analysis, kind=fields[0], fields=fields, wants="text", doc_type=None,
                                   cited_issuer=None, cited_day=False)

    def _cited_plan(self, analysis: QueryAnalysis) -> QueryAnalysis:
        """A plan number no loaded plan has ("kế hoạch 252 của thành phố") names a plan the
        loaded ones cite: answer from the sentences that cite it, not from plan metadata.
        So does a date no loaded plan was issued on ("kế hoạch số mấy ngày 19/12/2023")."""
        if analysis.fields[:1] == ("number",) and analysis.doc_number is None:
            days = [d for d in find_dates(analysis.question) if d.precision == "day"]
            if days and not any(p.meta.issue_date == days[0].iso for p in self.index.plans.values()):
                return dataclasses.replace(analysis, kind="reference", wants="docref", fields=(),
                                           doc_type="ke hoach", cited_date=days[0].iso)
        number = analysis.doc_number
        if number is None or any(p.meta.number == number for p in self.index.plans.values()):
            return analysis
        kind = "general" if analysis.fields else analysis.kind
        wants = "date" if analysis.kind == "issue_date" else analysis.wants
        return dataclasses.replace(analysis, kind=kind, wants=wants, doc_number=None, fields=(),
                                   cited_number=number.split("/")[0])

    def _score(self, gate: AnswerGate, scorer: TopicScorer, sentence: Sentence,
               context: str = "") -> Scored:
        """``context``: the sentence a clause was cut from (it counts as the clause's heading)."""
        analysis = gate.analysis
        # A page with no title read is named by its headline (its concept, "chuyển đổi số").
        title = sentence.hit.chunk.title or self._title_of(sentence.hit.chunk.doc_id)
        # "Theo đề nghị của Sở Y tế …", "Giao Sở X chủ trì triển khai thực hiện Kế hoạch này":
        # said of the plan itself, whose title is then the sentence's topic.
        about_plan = analysis.wants == "unit" and (_about_plan(sentence) or _leads_reported_plan(sentence))
        if (analysis.wants == "unit" and not about_plan and sentence.section == OPENING_LABEL
                and any(m.roles for m in sentence.unit_mentions)
                and scorer.coverage(sentence.text).direct > 0):
            # A news page's "Đồng chí A - PCT UBND phường - chủ trì hội nghị": the event is
            # the one the sentence before names ("… tổ chức Hội nghị triển khai kế hoạch …");
            # a sentence repeating none of the topic is about something else.
            context = f"{context} {self._sentence_before(sentence)}"
        # "Ngày đăng bài: 06/12/2019" asked "được đăng ngày nào": said of the page itself.
        posted = asks_posted(analysis.folded) and is_posting_line(sentence.text)
        if about_plan or posted:  # its title, or its opening where none was read (a web page, a công văn)
            plan = self.index.plans[sentence.hit.chunk.doc_id]
            context = f"{context} {plan.meta.title or ''} {plan.text[:_OPENING_CHARS]}"
        said = sentence.text
        if not context and ((analysis.wants == "date" and states_time_frame(sentence.text))
                            or (analysis.wants == "theme" and states_theme(sentence.text))):
            # "Thời gian triển khai từ ngày 15/9 đến ngày 10/10/2025": the time frame of the
            # plan (or its campaign) the text is about, which its title names or, on a page
            # with none read, its opening: the sentence says it of that.
            # Both: a news page's title read from its enacting sentence may leave out what
            # its headline says ("… dịp Tết Trung thu"). A campaign's theme ("Chủ đề thi đua:
            # “…”") is said of that campaign the same way.
            plan = self.index.plans[sentence.hit.chunk.doc_id]
            said = f"{sentence.text} {plan.meta.title or ''} {plan.text[:_OPENING_CHARS]}"
        coverage = scorer.coverage(said, f"{sentence.section} {context}", title)
        if about_plan and scorer.total <= 0 and len(gate.scope.docs) == 1:
            coverage = Coverage(1.0, 1.0)  # the question names only the plan, and asks who proposed it
        # Ranked on its own words: what the page is about admits a time frame, it does not
        # outrank a sentence that names the asked step itself ("… báo cáo chính thức trước
        # ngày 16-11" before "thời gian điều tra, rà soát từ ngày 1-9 đến hết ngày 31-12").
        share = (coverage.share if said is sentence.text
                 else scorer.coverage(sentence.text, f"{sentence.section} {context}", title).share)
        # A date under a heading that names the topic ("III. THỜI GIAN THỰC HIỆN") answers
        # even when the sentence itself repeats none of it; so does a duty listed under the
        # unit's heading for "what must X do", and a clause under its sentence's lead.
        # So does a goal asked for in words ("Mục tiêu chung … là gì?") under its heading.
        leans = (analysis.wants == "date" or analysis.kind == "tasks" or bool(context)
                 or (analysis.kind == "target" and analysis.wants == "text"))
        candidate = sentence_candidate(sentence, coverage, analysis.ordinal, self.places, leans)
        if (any(a < sentence.end and sentence.start < b for a, b in self._site_spans[candidate.doc])
                or sentence.start == self._enacting[candidate.doc]
                or (analysis.wants == "docref" and self._own_number_only(candidate.doc, sentence))):
            candidate = dataclasses.replace(candidate, heading=True)
        eligible = gate.admits(candidate)
        states = bool(gate.wanted & candidate.stated) and not sentence.is_heading
        score = (share + _RETRIEVAL_WEIGHT * sentence.hit.score
                 - _RANK_PENALTY * sentence.rank + (0.05 if states else 0.0))
        if posted:
            score += _POSTED_BONUS  # the page's own posting line, before any dated event
        if analysis.cited_day and self._dates_cited(analysis, sentence):
            score += _DATED_REF_BONUS  # "… ngày nào": where the document is cited with its date
        if analysis.kind != "responsible" and sentence.unit and analysis.names_unit:
            score += _ACTOR_BONUS if self._actor_named(sentence, analysis) else -_ACTOR_BONUS
        return Scored(candidate, score, eligible)

    def _sentence_before(self, sentence: Sentence) -> str:
        """The text's sentence before ``sentence`` (within its last few hundred characters)."""
        text = self._plan_text[sentence.hit.chunk.doc_id]
        before = text[max(0, sentence.start - _BEFORE_CHARS):sentence.start].rstrip()
        parts = [p for p in re.split(r"(?<=[.!?;])\s+|\n+", before) if p.strip()]
        return parts[-1] if parts else ""

    @staticmethod
    def _dates_cited(analysis: QueryAnalysis, sentence: Sentence) -> bool:
        """Does the sentence write the date of the cited document asked about?"""
        number = analysis.cited_ref_number or analysis.cited_number
        return any(ref.date is not None and (not number or same_number(ref.number, number))
                   for ref, *_ in sentence.refs_of_type(analysis.doc_type))

    def _own_number_only(self, doc: str, sentence: Sentence) -> bool:
        """Is every document the sentence names the plan itself ("Số: 130/KH-UBND", "Kế
        hoạch 130/KH-UBND năm 2022 …")? The plan's own number is no document it cites."""
        own = ref_at(self.index.plans[doc].meta.number or "", 0)
        refs = [ref for ref, *_ in sentence.described_refs if ref.number]
        return own is not None and bool(refs) and all(ref.key == own.key for ref in refs)

    @staticmethod
    def _actor_named(sentence: Sentence, analysis: QueryAnalysis) -> bool:
        """Is the unit this sentence is about the one the question names?"""
        if not sentence.unit:
            return False
        key = [s for s in syllables(sentence.unit) if s not in STOP_SYLLABLES][:_ACTOR_SYLLABLES]
        asked = set(syllables(analysis.folded))
        return bool(key) and sum(s in asked for s in key) >= _ACTOR_SHARE * len(key)

    def _scored(self, gate: AnswerGate, scorer: TopicScorer, hits: list[Hit]) -> list[Scored]:
        """Every candidate sentence, best first (``eligible``: the gate admitted it)."""
        scored = [self._score(gate, scorer, part, context)
                  for s in candidate_sentences(hits, self._plan_text)
                  for part, context in self._by_place(s)]
        return sorted(scored, key=lambda s: -s.score)

    def _by_place(self, sentence: Sentence) -> list[tuple[Sentence, str]]:
        """A sentence giving several localities their figures ("Giao chỉ tiêu …: xã A đạt
        93,5%; phường B đạt 96%") is one candidate per clause, so each figure is held to its
        own locality; the whole sentence is each clause's context (like its heading)."""
        if ";" not in sentence.text:
            return [(sentence, "")]
        doc = sentence.hit.chunk.doc_id
        if len({p.key for p in self.places.places(doc, sentence.text) if p.relation in ("other", "below")}) < 2:
            return [(sentence, "")]
        parts = []
        for match in re.finditer(r"[^;]+", sentence.text):
            a, b = match.span()
            while a < b and sentence.text[a].isspace():
                a += 1
            if b > a:
                parts.append((dataclasses.replace(sentence, text=sentence.text[a:b],
                                                  start=sentence.start + a, end=sentence.start + b),
                              sentence.text))
        return parts

    def _best(self, gate: AnswerGate, scorer: TopicScorer, hits: list[Hit]) -> Scored | None:
        return next((s for s in self._scored(gate, scorer, hits) if s.eligible), None)

    def _part_of(self, gate: AnswerGate, best: Scored, other: Scored) -> bool:
        """Does ``other`` answer another part of the question ``best`` answers?

        Anywhere in the same plan if it answers as well as ``best`` does; under the same
        heading ("Tổng số lớp học" beside "Tổng số học sinh") if it covers less of a
        question that asks two things.
        """
        mine, its = best.sentence, other.sentence
        if (its.hit.chunk.doc_id != mine.hit.chunk.doc_id or its.is_heading
                or not gate.wanted & other.candidate.stated
                or gate.reason(other.candidate) in ("plan", "locality")):
            return False
        if other.eligible and other.coverage.share >= _PART_SHARE * best.coverage.share:
            return True
        return (_parent(its.section) == _parent(mine.section) and other.coverage.direct > 0
                and other.coverage.concepts
                and other.coverage.share >= _NEIGHBOUR_PART_SHARE * best.coverage.share)

    def _joint_parts(self, gate: AnswerGate, scorer: TopicScorer,
                     scored: list[Scored]) -> list[Scored]:
        """A question asking two things may have no sentence covering both: sibling
        sentences that together cover it answer it ("lớp" in one, "học sinh" in the next)."""
        lead = next((s for s in scored if gate.wanted & s.candidate.stated
                     and s.coverage.concepts and not s.sentence.is_heading
                     and gate.reason(s.candidate) not in ("plan", "locality")), None)
        if lead is None:
            return []
        parts = [lead] + [s for s in scored if s is not lead and self._part_of(gate, lead, s)
                          and s.sentence.start != lead.sentence.start][:_MAX_PARTS - 1]
        joint = scorer.coverage(" ".join(p.sentence.text for p in parts), lead.sentence.section)
        if len(parts) < 2 or joint.share < self.settings.min_topic_coverage:
            return []
        return [dataclasses.replace(lead, eligible=True)]

    def _several(self, gate: AnswerGate, best: Scored, scored: list[Scored]) -> list[Scored]:
        """For "how many X and how many Y" / "which deadlines": the best sentences of the
        best one's plan that state different figures or dates."""
        analysis = gate.analysis
        picked = [best]
        seen_text = {best.sentence.start}
        seen_focus = {self._focus(analysis, best.sentence)}
        for other in scored:
            if len(picked) == _MAX_PARTS:
                break
            sentence = other.sentence
            focus = self._focus(analysis, sentence)
            if (sentence.start in seen_text or (focus is not None and focus in seen_focus)
                    or not self._part_of(gate, best, other)):
                continue
            picked.append(other)
            seen_text.add(sentence.start)
            seen_focus.add(focus)
        return sorted(picked, key=lambda s: s.sentence.start)

    def _listed(self, analysis: QueryAnalysis, picked: list[Scored]) -> tuple[str, bool, list[Citation]]:
        plan = self.index.plans[picked[0].sentence.hit.chunk.doc_id]
        ref = plan_ref(plan.meta.locality, plan.meta.number)
        lines = []
        for n, scored in enumerate(picked, 1):
            sentence = scored.sentence
            said = quote(sentence, _LIST_QUOTE_CHARS * 2, self._focus(analysis, sentence))
            lead = (f"Hạn {deadline_phrase(sentence, 0, _asked_dates(analysis, sentence))}: "
                    if analysis.wants == "date" else "")
            lines.append(f"- {lead}{said} [{n}]")
        text = f"Theo {ref}:\n" + "\n".join(lines)
        return text, True, [self._citation(n, s) for n, s in enumerate(picked, 1)]

    def _citation(self, n: int, scored: Scored) -> Citation:
        sentence = scored.sentence
        plan = self.index.plans[sentence.hit.chunk.doc_id]
        return cite(n, sentence.hit.chunk, plan, sentence.hit.score,
                    (sentence.start, sentence.end), sentence.section)

    def _related(self, hits: list[Hit]) -> list[Citation]:
        return [cite(i + 1, h.chunk, self.index.plans[h.chunk.doc_id], h.score)
                for i, h in enumerate(hits[:_RELATED])]

    def _docref_focus(self, analysis: QueryAnalysis, sentence: Sentence) -> str:
        """The referenced document the question asks for, as the sentence writes it."""
        ref = self._focus_ref(analysis, sentence) or sentence.docrefs[0]
        return ref.text.strip()

    def _focus_ref(self, analysis: QueryAnalysis, sentence: Sentence) -> DocRef | None:
        """Of the sentence's references of the type asked, the one whose own description
        ("Nghị quyết số 11/NQ-CP … của Chính phủ về Chương trình phục hồi …", up to the next
        reference) covers the question's topic best; one the question identifies by number
        first, then one issued by the body it names ("… nào của Chính phủ"), never one the
        question's issuer rules out while another fits."""
        refs = sentence.refs_of_type(analysis.doc_type)
        if not refs:
            return None
        scorer = TopicScorer(analysis.topic, self.index.bm25, abbreviations=self.index.abbreviations)
        issuer = analysis.cited_issuer

        def fit(item: tuple[DocRef, int, int]) -> float:
            ref, a, b = item
            score = scorer.coverage(sentence.text[a:b]).share
            if any(same_number(ref.number, n) for n in (analysis.cited_number, analysis.cited_ref_number)):
                score += 2.0
            if issuer:
                verdict = issued_by(ref, issuer)
                score += 1.0 if verdict else (-1.0 if verdict is False else 0.0)
            if analysis.cited_year and ref_year(ref):
                score += 1.0 if ref_year(ref) == analysis.cited_year else -1.0
            return score

        return max(refs, key=fit)[0]

    def _date_at(self, analysis: QueryAnalysis, sentence: Sentence) -> int:
        """Which of a sentence's dates the question asks for (of those it gives as an end,
        when the question asks an end): the one whose stretch of text covers the topic best.
        A date's stretch runs to the dates either side of it, or to the "và" / ";" that
        parts them: "Trước ngày 25-10 … báo cáo sơ bộ … và trước ngày 16-11 phải báo cáo
        chính thức …" (asked for the official report, 16-11); "đợt II … Tiểu học từ ngày 12
        đến 19-11-2014 và đợt III … THCS từ ngày 12 đến 19-01-2015" (asked for THCS,
        19-01-2015); "… cuối tháng 4/2015, 75% hộ …; cuối tháng 7/2015, 100% hộ …"."""
        dates = _asked_dates(analysis, sentence)
        if len(dates) < 2:
            return 0
        scorer = TopicScorer(analysis.topic, self.index.bm25, abbreviations=self.index.abbreviations)
        text, folded = sentence.text, sentence.folded
        # Between two neighbours: where the left one's stretch ends and the right one's starts.
        cuts = []
        for (_, left_end), (right_start, _) in zip(dates, dates[1:]):
            parts = list(_PARTING_RE.finditer(folded, left_end, max(left_end, right_start)))
            cuts.append((parts[-1].start(), parts[-1].start()) if parts else (right_start, left_end))

        def fit(i: int) -> float:
            a = cuts[i - 1][1] if i > 0 else 0
            b = cuts[i][0] if i + 1 < len(dates) else len(text)
            return scorer.coverage(text[a:b]).share

        return max(range(len(dates)), key=lambda i: (fit(i), -i))

    def _figure_focus(self, analysis: QueryAnalysis, sentence: Sentence) -> str:
        """The figure asked for: the first of the kind asked in the clause (between
        semicolons) that covers the question's topic best. "Giảm 10% ca mắc sốt xuất
        huyết …; giảm 5% ca mắc tay chân miệng …": asked about tay chân miệng, 5%."""
        ordered = ([*sentence.percents, *sentence.quantities] if analysis.wants == "percent"
                   else [*sentence.quantities, *sentence.percents])
        text = sentence.text
        clauses = [(m.start(), m.end()) for m in re.finditer(r"[^;]+", text)]
        if len(clauses) > 1:
            scorer = TopicScorer(without_periods(analysis.topic) or analysis.topic, self.index.bm25,
                                 abbreviations=self.index.abbreviations)
            for a, b in sorted(clauses, key=lambda c: -scorer.coverage(text[c[0]:c[1]]).share):
                inside = [f for f in ordered if holds(text[a:b], f)]
                if inside:
                    return inside[0]
        return ordered[0]

    def _focus(self, analysis: QueryAnalysis, sentence: Sentence) -> str | None:
        if analysis.wants == "ordinal":
            return sentence.ordinal(analysis.ordinal or "")
        if analysis.wants == "docref" and sentence.docrefs:
            return self._docref_focus(analysis, sentence)
        if analysis.wants == "date":
            return deadline_phrase(sentence, self._date_at(analysis, sentence), _asked_dates(analysis, sentence))
        if analysis.wants in ("number", "percent") and (sentence.percents or sentence.quantities):
            return self._figure_focus(analysis, sentence)
        if analysis.wants == "year" and sentence.years:
            return sentence.years[0]
        return None

    def _single(self, analysis: QueryAnalysis, best: Scored) -> tuple[str, bool, list[Citation]]:
        sentence = best.sentence
        plan = self.index.plans[sentence.hit.chunk.doc_id]
        ref = plan_ref(plan.meta.locality, plan.meta.number)
        said = quote(sentence, _QUOTE_CHARS, self._focus(analysis, sentence))
        cited = self._focus_ref(analysis, sentence) if analysis.cited_day else None
        if cited is not None and cited.date is not None:
            # "Quyết định … mà KH 130 thực hiện ban hành ngày nào": the cited one's date.
            name = f"{cited.doc_type or 'Văn bản'} số {cited.ref}" if cited.ref else (cited.doc_type or "Văn bản")
            day = cited.date.text if cited.date.text.lower().startswith("ngày") else f"ngày {cited.date.text}"
            text = f"{name} được ban hành {day}. Theo {ref}: {said} [1]"
        elif analysis.wants == "date":
            phrase = deadline_phrase(sentence, self._date_at(analysis, sentence), _asked_dates(analysis, sentence))
            # A due date or an end is a "Hạn"; the day something was done or held ("Sáng
            # 16/4, Ban Chỉ đạo … tổ chức lễ phát động") is no deadline, only its day.
            due = (analysis.asks_due or analysis.asks_end
                   or any(m.is_end for m in find_dates(phrase or "")))
            label = "Hạn" if analysis.kind == "deadline" and due else "Ngày"
            if is_posting_line(sentence.text):
                label = "Ngày đăng"  # the page's date, no deadline
            if phrase and _FRAME_LEAD_RE.match(fold(phrase)):  # "từ ngày 16/8 đến ngày 23/8/2014"
                label = "Thời gian"
            if analysis.asks_effect:
                label = "Hiệu lực"
            text = f"{label}: {phrase}. Theo {ref}: {said} [1]"
        elif analysis.wants == "unit" and (named := self._unit_named(analysis, sentence)):
            text = f"{named} (theo {ref}): {said} [1]"
        else:
            text = f"Theo {ref}: {said} [1]"
        return text, True, [self._citation(1, best)]

    @staticmethod
    def _unit_named(analysis: QueryAnalysis, sentence: Sentence) -> str | None:
        """The body that answers: the one(s) the sentence gives the asked role, else the
        unit whose part of "Tổ chức thực hiện" the sentence is in."""
        roles = compatible_roles(analysis.unit_role)
        # A role asked is answered by the body given that very role before one given a
        # kindred one ("UBND huyện yêu cầu …, cấp xã xây dựng kế hoạch": who draws it up).
        in_role = ((analysis.unit_role and sentence.units_in_role(roles[:1])) or sentence.units_in_role(roles))
        # "ngoài các Trạm Y tế thì lực lượng nào …": the bodies set aside are no answer.
        aside = {fold(name) for name in analysis.set_aside}
        kept = [name for name in in_role if fold(name) not in aside]
        in_role = kept or in_role
        return ", ".join(in_role) if in_role else sentence.unit

    def _compare(self, analysis: QueryAnalysis, scorer: TopicScorer, scope: PlanScope,
                 asked: list[str], timer: "_Timer",
                 ) -> tuple[str, bool, list[Citation]] | frozenset[str] | None:
        """One line per locality that has a sentence the gate admits for it; when the question
        asks no comparison and one locality (or one plan of no read locality) answers, its
        plans, to be answered from as if loaded alone."""
        wants = "text" if analysis.cited_number else analysis.wants
        probe = dataclasses.replace(analysis, wants=wants)
        per_locality: list[Scored] = []
        missing: list[str] = []
        groups = locality_groups(self.index, scope.docs)
        for name in asked or self._compared_localities(probe, scope, timer):
            docs = groups.get(name, frozenset())
            if not docs:
                continue
            named = () if name.startswith("#") else (name,)
            local = dataclasses.replace(scope, docs=docs, localities=named,
                                        label=named[0] if named else None)
            gate = AnswerGate(probe, local, self.settings, title_of=self._title_of,
                              placed=placed_for(self.index, named))
            hits = self._search(probe, local, _HITS_PER_LOCALITY_COMPARE, timer)
            best = self._best(gate, scorer, hits)
            if best:
                per_locality.append(best)
            elif not name.startswith("#"):
                missing.append(name)
        if not per_locality:
            return None
        if analysis.kind != "compare":
            # Not asked to compare: only the plans that answer about as well as the best one
            # does (a bar relative to this question, not one absolute score for every
            # library), so a locality's loosely related figure is not listed beside the answer.
            top = max(s.coverage.share for s in per_locality)
            per_locality = [s for s in per_locality if s.coverage.share >= _PART_SHARE * top]
        if len(per_locality) == 1 and analysis.kind != "compare":
            doc = per_locality[0].sentence.hit.chunk.doc_id
            return next(docs for docs in groups.values() if doc in docs)
        lines = []
        citations = []
        # Keep the whole list within the answer length an officer reads at a glance.
        share = (self.settings.max_answer_chars - _LIST_OVERHEAD) // len(per_locality)
        limit = max(_MIN_LIST_QUOTE, min(_LIST_QUOTE_CHARS, share - _LIST_LINE_OVERHEAD))
        unplaced = 0
        for n, scored in enumerate(per_locality, 1):
            meta = self.index.plans[scored.sentence.hit.chunk.doc_id].meta
            where = meta.locality
            if where is None:  # named by its plan and file: its locality is not known
                unplaced += 1
                where = plan_ref(None, meta.number) + f" (tệp {meta.source_file}, chưa rõ địa phương)"
                where = where[0].upper() + where[1:]
            said = quote(scored.sentence, limit, self._focus(probe, scored.sentence))
            lines.append(f"- {where}: {said} [{n}]")
            citations.append(self._citation(n, scored))
        if unplaced:
            text = (f"Có {len(per_locality)} kế hoạch có nội dung này, mỗi kế hoạch một số liệu "
                    f"riêng (không gộp thành một đáp án):\n" + "\n".join(lines))
        else:
            text = f"Có {len(per_locality)} địa phương có nội dung này:\n" + "\n".join(lines)
        counted = f"\nKhông thấy trong kế hoạch của {len(missing)} địa phương khác đã nạp."
        named = f"\nKhông thấy trong kế hoạch của: {', '.join(missing)}."
        if missing and (len(missing) > self.settings.compare_max_missing_named
                        or len(text) + len(named) > self.settings.max_answer_chars):
            text += counted  # the localities found are the answer: the list of others must not crowd it out
        elif missing:
            text += named
        return text, True, citations

    def _compared_localities(self, analysis: QueryAnalysis, scope: PlanScope,
                             timer: "_Timer") -> list[str]:
        """Every locality in scope for a few; for many (a city's plans), those whose passages
        the question retrieves, so one question does not search a thousand plans."""
        groups = locality_groups(self.index, scope.docs)
        known = sorted(name for name in groups if not name.startswith("#"))
        # "giữa các xã phường": the communes' plans are compared, not a province's beside them.
        everyone = of_kinds(known, asked_kinds(analysis))
        if not asked_kinds(analysis):  # a plan of unknown locality is compared as its own
            everyone += sorted(name for name in groups if name.startswith("#"))
        limit = self.settings.compare_max_localities
        if len(everyone) <= limit:
            return everyone
        kept = set(everyone)
        group_of = {d: name for name, docs in groups.items() if name in kept for d in docs}
        among = dataclasses.replace(scope, docs=frozenset(group_of))
        pool = self._search(analysis, among, limit * _COMPARE_POOL_PER_LOCALITY, timer)
        found = dict.fromkeys(group_of[h.chunk.doc_id] for h in pool if h.chunk.doc_id in group_of)
        return list(found)[:limit]

    def _unknown(self, analysis: QueryAnalysis, named: list[str], loaded: list[str],
                 timer: "_Timer") -> tuple[str, bool, list[Citation], str | None]:
        hits = self._search(analysis, None, _RELATED, timer)
        return unknown_locality(named, loaded), False, self._related(hits), named[0]


# A sentence naming the document itself ("Kế hoạch này", "thi hành Quyết định này", "Kế
# hoạch của huyện") or that ends "… triển khai thực hiện." (an article of the decision).
_DOCUMENT_ITSELF_RE = re.compile(
    r"\b(?:ke\s*hoach|quyet\s*dinh|chuong\s*trinh|de\s*an|van\s*ban)\s*(?:nay\b|cua\s*(?:huyen|xa|tinh"
    r"|phuong|quan|thi\s*xa|thanh\s*pho)\s*[.;)]|(?:cua\s*)?(?:ubnd|uy ban nhan dan)\s)"
    r"|(?:trien\s*khai|to\s*chuc)\s*thuc\s*hien\s*[.;]?\s*$")


def _asked_dates(analysis: QueryAnalysis, sentence: Sentence) -> list[tuple[int, int]]:
    """The sentence's dates of the kind asked: those it gives as an end ("đến khi nào"),
    its due dates ("hạn … ngày nào": not a news item's dateline), else all of them."""
    if analysis.asks_effect and sentence.event_days and not sentence.deadlines:
        return sentence.event_days  # "có hiệu lực kể từ ngày ký"
    if analysis.asks_end and sentence.ends:
        return sentence.ends
    if analysis.asks_due and sentence.dues:
        return sentence.dues
    return sentence.dates


def _about_plan(sentence: Sentence) -> bool:
    """Does the sentence give a body a role for the plan as a whole (it proposed it, leads
    or is accountable for carrying it out), not for one of its tasks?"""
    roles = {r for m in sentence.unit_mentions for r in m.roles}
    if PROPOSER in roles:
        return True
    return (bool(roles & {LEAD, ACCOUNTABLE, STANDING, RECIPIENT})
            and _DOCUMENT_ITSELF_RE.search(sentence.folded) is not None)


# "Phòng Văn hóa – Xã hội là đơn vị chủ trì, phối hợp cùng Công an xã … thực hiện.": a task
# with no object of its own is the plan's.
_BARE_TASK_RE = re.compile(r"\b(?:trien khai |to chuc )?thuc hien\s*[.;]?\s*$")


def _leads_reported_plan(sentence: Sentence) -> bool:
    """In a text with no headings (a news page about a plan), does the sentence give a body
    the lead of carrying out the plan itself ("X là đơn vị chủ trì, phối hợp … thực hiện.")?"""
    if sentence.section != OPENING_LABEL or not _BARE_TASK_RE.search(sentence.folded):
        return False
    return any(m.roles & {LEAD, STANDING, ACCOUNTABLE} for m in sentence.unit_mentions)


def _plan_line(meta) -> str:
    """'Kế hoạch số 36/KH-UBND của xã Xuân Tín (phòng, chống thiên tai …)' for lists."""
    ref = plan_ref(meta.locality, meta.number)
    title = short_title(meta.title)
    return f"{ref[0].upper()}{ref[1:]}" + (f" ({title})" if title else "")


def _enacting_start(text: str) -> int | None:
    """Where the plan's enacting clause starts, when it starts a sentence of its own."""
    clause = read_enacting_clause(text, min(len(text), _ENACTING_SCAN_CHARS))
    if clause is None:
        return None
    before = text[:clause.start].rstrip()
    return clause.start if not before or before[-1] in ".;:\n" else None
