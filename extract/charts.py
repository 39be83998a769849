"""Which targets may share one chart: the same indicator, the same population and the
same quantity (unit). "Người dân tham gia BHXH 95,08%", "người lao động tham gia BHXH
55,02%" and a workforce count are three charts, never three bars on one axis.

Also the order officers look for first (health and social insurance) and plan titles
instead of file names. Face-independent, so the grouping is tested without Streamlit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kehoach.core.text import fold
from kehoach.extract.records import Target

__all__ = ["ChartGroup", "chart_groups", "population_of", "indicator_order", "plan_titles",
           "PRIORITY"]

# Indicators shown first in the "Chỉ tiêu" tab, in this order (the rest by how many
# localities give them).
PRIORITY = ("tỷ lệ dân số tham gia BHYT", "tỷ lệ tham gia BHXH", "tỷ lệ tham gia BHXH tự nguyện")

# Who an indicator counts (folded phrase -> shown name), the more specific first. Plain
# Vietnamese vocabulary of plans, not names of any plan or place.
_POPULATIONS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("luc luong lao dong", "lao dong trong do tuoi", "nguoi trong do tuoi lao dong"),
     "lao động trong độ tuổi"),
    (("nguoi lao dong", "cong nhan", "lao dong lam cong an luong"), "người lao động"),
    (("nguoi cao tuoi",), "người cao tuổi"),
    (("tre em", "tre duoi"), "trẻ em"),
    (("hoc sinh",), "học sinh"),
    (("ho gia dinh", "ho dan", " ho "), "hộ gia đình"),
    (("doanh nghiep",), "doanh nghiệp"),
    (("can bo", "cong chuc", "vien chuc"), "cán bộ, công chức"),
    (("nguoi dan", "dan so", "toan dan"), "dân số"),
)


def population_of(indicator: str) -> str:
    """Who the indicator's text counts ('' when it does not say)."""
    folded = f" {fold(indicator)} "
    for phrases, name in _POPULATIONS:
        if any(phrase in folded for phrase in phrases):
            return name
    return ""


@dataclass(frozen=True)
class ChartGroup:
    """Bars that share one axis: one indicator, one population, one unit."""

    indicator_key: str
    population: str
    unit: str
    targets: tuple[Target, ...]

    @property
    def title(self) -> str:
        named = self.population and fold(self.population) not in fold(self.indicator_key)
        who = f" — {self.population}" if named else ""
        return f"{self.indicator_key}{who} ({self.unit})"


def _unit(target: Target) -> str:
    return (target.unit or "số lượng").strip()


def chart_groups(targets: Iterable[Target]) -> list[ChartGroup]:
    """Targets with a figure, grouped so each chart has one indicator, population and unit;
    groups in the order first met."""
    groups: dict[tuple[str, str, str], list[Target]] = {}
    for target in targets:
        if target.value is None or not target.indicator_key:
            continue
        key = (target.indicator_key, population_of(target.indicator), _unit(target))
        groups.setdefault(key, []).append(target)
    return [ChartGroup(k[0], k[1], k[2], tuple(v)) for k, v in groups.items()]


def indicator_order(targets: Iterable[Target]) -> list[str]:
    """Indicator keys: ``PRIORITY`` first, then by how many localities give them."""
    places: dict[str, set[str]] = {}
    for target in targets:
        if target.indicator_key:
            places.setdefault(target.indicator_key, set()).add(target.locality or target.doc)

    def rank(key: str) -> tuple[int, int, str]:
        first = PRIORITY.index(key) if key in PRIORITY else len(PRIORITY)
        return first, -len(places[key]), key

    return sorted(places, key=rank)


def plan_titles(plans: Mapping[str, object]) -> dict[str, str]:
    """doc id -> the plan's title (``PlanDocument``-like objects with ``meta.title``)."""
    out = {}
    for doc, plan in plans.items():
        meta = getattr(plan, "meta", None)
        title = " ".join((getattr(meta, "title", None) or "").split())
        out[doc] = title or doc
    return out
