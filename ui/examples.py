"""Example questions for first-time users, built from the plans actually loaded.

Each is one kind of question the assistant answers (a target, a deadline, who signed, a
comparison), phrased for a loaded locality. Given an ``ask`` function, only questions the
loaded plans do answer are offered, so a first click shows a cited answer.
"""

from __future__ import annotations

from collections.abc import Callable

from kehoach.core.records import Answer

__all__ = ["example_questions", "MAX_EXAMPLES"]

MAX_EXAMPLES = 4
# Localities tried per template before giving that template up.
_TRIES_PER_TEMPLATE = 3
_LOCALITY = "{loc}"
_TEMPLATES = (
    "Chỉ tiêu tỷ lệ dân số tham gia bảo hiểm y tế của {loc} là bao nhiêu?",
    "Các cơ quan, đơn vị {loc} phải gửi báo cáo kết quả trước ngày nào?",
    "Ai ký kế hoạch của {loc}?",
    "Những xã, phường nào đặt chỉ tiêu tỷ lệ dân số tham gia bảo hiểm y tế?",
)


def example_questions(localities: list[str], ask: Callable[[str], Answer] | None = None,
                      limit: int = MAX_EXAMPLES) -> list[str]:
    """Up to ``limit`` questions, spread over the loaded localities.

    Template ``i`` is tried first with locality ``i`` (round robin), then the next ones;
    with ``ask``, a question is kept only if its answer was found.
    """
    if not localities:
        return []
    questions: list[str] = []
    for i, template in enumerate(_TEMPLATES):
        if len(questions) >= limit:
            break
        if _LOCALITY not in template:
            if len(localities) > 1 and (ask is None or ask(template).found):
                questions.append(template)
            continue
        for step in range(min(_TRIES_PER_TEMPLATE, len(localities))):
            question = template.format(loc=localities[(i + step) % len(localities)])
            if ask is None or ask(question).found:
                questions.append(question)
                break
    return questions
