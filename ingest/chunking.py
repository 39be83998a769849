"""Cut a structured plan into chunks that follow its structure.

A chunk is one coherent unit (a numbered target, a task, one unit's duties with its
bullets). Units that fit are kept whole; small siblings are merged up to the size bound;
an oversized unit is split between its children, and a single oversized paragraph between
sentences. Top-level sections (I., II., ...) are never merged together.

No chunk grows past ``HARD_FACTOR`` times the bound: a sentence that long (a 236 KB
"sentence" with no full stop, from a hostile or broken file) is cut between words, and a
run of merged headings that long is cut between paragraphs.
"""

from __future__ import annotations

from collections.abc import Sequence

from kehoach.ingest.sentences import sentence_spans
from kehoach.ingest.structure import StructuredParagraph
from kehoach.core.records import SECTION_SEP, Chunk, Paragraph, Segment

__all__ = ["chunk_plan", "context_header", "short_title"]

_SHORT_TITLE_WORDS = 14
# A sentence up to this many times the bound stays whole (cutting one loses its sense; the
# plans' long enumerations run to ~1,100 characters); a longer one is cut between words.
HARD_FACTOR = 2


def short_title(title: str | None) -> str:
    """The first words of a (long) plan title, for headers and lists."""
    if not title:
        return ""
    words = title.split()
    return title if len(words) <= _SHORT_TITLE_WORDS else " ".join(words[:_SHORT_TITLE_WORDS]) + "…"


def context_header(locality: str | None, title: str | None, section: str) -> str:
    """The line prepended to a chunk's text for embedding and lexical search."""
    parts = [p for p in (locality, short_title(title), section) if p]
    return " | ".join(parts)


def _common_section(paths: Sequence[tuple[str, ...]]) -> str:
    common: list[str] = []
    for labels in zip(*paths):
        if all(label == labels[0] for label in labels):
            common.append(labels[0])
        else:
            break
    return SECTION_SEP.join(common or paths[0])


class _Packer:
    """Groups paragraph indices into chunks over the paragraph tree."""

    def __init__(self, items: list[StructuredParagraph], max_chars: int) -> None:
        self.items = items
        self.max_chars = max_chars
        self.children: dict[int | None, list[int]] = {}
        for index, item in enumerate(items):
            self.children.setdefault(item.parent, []).append(index)

    def size(self, indices: list[int]) -> int:
        return sum(len(self.items[i].paragraph.text) + 1 for i in indices)

    def subtree(self, index: int) -> list[int]:
        result = [index]
        for child in self.children.get(index, []):
            result.extend(self.subtree(child))
        return result

    def only_headings(self, indices: list[int]) -> bool:
        return all(self.items[i].paragraph.kind == "heading" for i in indices)

    def pack(self, index: int) -> list[list[int]]:
        whole = self.subtree(index)
        if self.size(whole) <= self.max_chars or not self.children.get(index):
            return [whole]
        return self.merge([[index]] + [g for c in self.children[index] for g in self.pack(c)])

    def merge(self, groups: list[list[int]]) -> list[list[int]]:
        merged: list[list[int]] = []
        for group in groups:
            if merged and (
                self.size(merged[-1] + group) <= self.max_chars or self.only_headings(merged[-1])
            ):
                merged[-1] = merged[-1] + group
            else:
                merged.append(list(group))
        return merged

    def groups(self) -> list[list[int]]:
        result: list[list[int]] = []
        for root in self.children.get(None, []):
            result.extend(self.pack(root))
        return self.merge_loose_roots(result)

    def merge_loose_roots(self, groups: list[list[int]]) -> list[list[int]]:
        """Merge neighbouring groups of the same top-level part (opening, closing lines)."""
        merged: list[list[int]] = []
        for group in groups:
            first = self.items[group[0]].paragraph
            if merged:
                last = self.items[merged[-1][-1]].paragraph
                same_part = last.path[:1] == first.path[:1] and first.kind != "heading"
                if same_part and self.size(merged[-1] + group) <= self.max_chars:
                    merged[-1] = merged[-1] + group
                    continue
            merged.append(group)
        return merged


def _cut_words(text: str, a: int, b: int, max_chars: int) -> list[tuple[int, int]]:
    """``text[a:b]`` cut into pieces of at most ``max_chars``, at the last space when there
    is one (no space at all: at ``max_chars``)."""
    pieces: list[tuple[int, int]] = []
    while b - a > max_chars:
        cut = text.rfind(" ", a + 1, a + max_chars + 1)
        cut = cut if cut > a else a + max_chars
        pieces.append((a, cut))
        a = cut
        while a < b and text[a].isspace():
            a += 1
    if b > a:
        pieces.append((a, b))
    return pieces


def _sentences(text: str, max_chars: int) -> list[tuple[int, int]]:
    """Sentence spans of ``text``; one longer than ``HARD_FACTOR * max_chars`` is cut."""
    spans: list[tuple[int, int]] = []
    for a, b in sentence_spans(text):
        if b - a > HARD_FACTOR * max_chars:
            spans.extend(_cut_words(text, a, b, max_chars))
        else:
            spans.append((a, b))
    return spans


def _split_long(paragraph: Paragraph, max_chars: int) -> list[tuple[int, int]]:
    """Spans (document offsets) of sentence windows no longer than ``max_chars``."""
    windows: list[tuple[int, int]] = []
    for a, b in _sentences(paragraph.text, max_chars):
        start, end = paragraph.start + a, paragraph.start + b
        if windows and end - windows[-1][0] <= max_chars:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def chunk_plan(doc_id: str, locality: str | None, title: str | None, text: str,
               items: list[StructuredParagraph], max_chars: int) -> list[Chunk]:
    """Chunks of one plan; ``text`` is the paragraphs joined by newlines."""
    chunks: list[Chunk] = []

    def emit(spans: list[tuple[int, int, Paragraph]]) -> None:
        start, end = spans[0][0], spans[-1][1]
        segments = tuple(Segment(a, b, p.section) for a, b, p in spans)
        section = _common_section([p.path for _, _, p in spans])
        passage = text[start:end]
        raw = None
        if any(p.raw is not None for _, _, p in spans):
            raw = "\n".join(p.raw if p.raw is not None else p.text for _, _, p in spans)
        chunks.append(Chunk(
            chunk_id=f"{doc_id}#{len(chunks)}",
            doc_id=doc_id,
            locality=locality,
            title=title,
            section=section,
            text=passage,
            start=start,
            end=end,
            segments=segments,
            index_text=f"{context_header(locality, title, section)}\n{passage}",
            raw_text=raw,
        ))

    def emit_paragraphs(paragraphs: list[Paragraph]) -> None:
        if len(paragraphs) == 1 and len(paragraphs[0].text) > max_chars:
            for a, b in _split_long(paragraphs[0], max_chars):
                emit([(a, b, paragraphs[0])])
        else:
            emit([(p.start, p.end, p) for p in paragraphs])

    for group in _Packer(items, max_chars).groups():
        paragraphs = [items[i].paragraph for i in group]
        if len(paragraphs) > 1 and paragraphs[-1].end - paragraphs[0].start > HARD_FACTOR * max_chars:
            run: list[Paragraph] = []  # too long even for merged headings: cut between paragraphs
            for paragraph in paragraphs:
                if run and paragraph.end - run[0].start > max_chars:
                    emit_paragraphs(run)
                    run = []
                run.append(paragraph)
            emit_paragraphs(run)
        else:
            emit_paragraphs(paragraphs)
    return chunks
