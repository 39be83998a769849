"""The structured records: small, frozen, JSON-able, each carrying its citation."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, fields
from typing import Any

__all__ = ["Target", "Deadline", "Responsibility", "ANNUAL", "to_json", "from_json"]

ANNUAL = "hằng năm"  # a target that holds every year rather than by a given year


@dataclass(frozen=True)
class Target:
    """One quantified (or, when the plan gives no figure, stated) target of a plan.

    ``value`` is None for a target stated without a figure ("giữ vững an ninh chính trị").
    ``year`` is "2030", "2026-2030", ``ANNUAL`` or None. ``start``/``end`` locate the clause
    in the plan text; ``passage`` is the whole paragraph, for citing.
    """

    indicator: str
    indicator_key: str | None
    value: float | None
    unit: str | None
    comparator: str
    year: str | None
    locality: str | None
    doc: str
    section: str
    passage: str
    start: int
    end: int
    upper: float | None = None  # the top of a range ("60 - 70%": value 60, upper 70)

    @property
    def value_text(self) -> str:
        """The figure the way plans write it ("95,08%", "330.681 triệu đồng", "60 - 70%")."""
        if self.value is None:
            return ""
        number = _number_text(self.value)
        if self.upper is not None:
            number = f"{number} - {_number_text(self.upper)}"
        unit = self.unit or ""
        return f"{number}{unit}" if unit == "%" else f"{number} {unit}".strip()


    @property
    def figure_text(self) -> str:
        """Comparator and figure as a phrase ("từ ... trở lên 10%" -> "từ 10% trở lên")."""
        if self.comparator == "không còn":
            return "không còn"
        if self.value is None:
            return self.comparator
        if self.comparator == "từ ... trở lên":
            return f"từ {self.value_text} trở lên"
        return " ".join(part for part in (self.comparator, self.value_text) if part)


def _number_text(value: float) -> str:
    number = f"{value:,.2f}".rstrip("0").rstrip(".")
    return number.replace(",", "_").replace(".", ",").replace("_", ".")


@dataclass(frozen=True)
class Deadline:
    """A dated duty: what must be done by ``date``, by whom (reporter) for whom (recipient)."""

    task: str
    date: dt.date
    reporter: str | None
    recipient: str | None
    locality: str | None
    doc: str
    section: str
    passage: str
    start: int
    end: int


@dataclass(frozen=True)
class Responsibility:
    """A unit named in "Tổ chức thực hiện", its roles (chủ trì, phối hợp...) and tasks."""

    unit: str
    role: str
    tasks: tuple[str, ...]
    locality: str | None
    doc: str
    section: str
    passage: str
    start: int
    end: int


def to_json(record: Target | Deadline | Responsibility) -> dict[str, Any]:
    data = asdict(record)
    for key, value in data.items():
        if isinstance(value, dt.date):
            data[key] = value.isoformat()
        elif isinstance(value, tuple):
            data[key] = list(value)
    return data


def from_json(kind: type, data: dict[str, Any]) -> Any:
    """Inverse of ``to_json`` for ``kind`` (Target, Deadline or Responsibility)."""
    names = {f.name for f in fields(kind)}
    clean = {k: v for k, v in data.items() if k in names}
    if "date" in clean and isinstance(clean["date"], str):
        clean["date"] = dt.date.fromisoformat(clean["date"])
    if "tasks" in clean:
        clean["tasks"] = tuple(clean["tasks"])
    return kind(**clean)
