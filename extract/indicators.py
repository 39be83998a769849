"""A small vocabulary of normalised indicators, so one indicator meets across localities.

Each entry: the normalised name, then alternatives; an alternative is a tuple of folded
fragments that must all occur. A measure ("ha") is a ``Unit``: matched as written, with its
diacritics (``grammar.figures.has_unit``), since its folded letters are other words too
("Hà Nội", "hạ tầng" fold to "ha"). Entries are tried in order, the more specific first
("BHXH tự nguyện" before "BHXH").
"""

from __future__ import annotations

from dataclasses import dataclass

from kehoach.core.text import fold
from kehoach.grammar.figures import has_unit

__all__ = ["VOCABULARY", "indicator_key", "PERCENT_KEYS", "Unit"]


@dataclass(frozen=True)
class Unit:
    """A measure an indicator is stated in, matched on the written text (not folded)."""

    word: str

Fragment = str | Unit
VOCABULARY: tuple[tuple[str, tuple[tuple[Fragment, ...], ...]], ...] = (
    ("tỷ lệ tham gia BHXH tự nguyện", (("bhxh", "tu nguyen"), ("bao hiem xa hoi", "tu nguyen"))),
    ("tỷ lệ dân số tham gia BHYT", (("bao hiem y te",), ("bhyt",))),
    ("tỷ lệ tham gia BHXH", (("bao hiem xa hoi",), ("bhxh",))),
    ("tỷ lệ hộ nghèo", (("ho ngheo",),)),
    ("thu ngân sách", (("thu ngan sach",),)),
    ("chi ngân sách", (("chi ngan sach",),)),
    ("giải ngân vốn đầu tư công", (("giai ngan",),)),
    ("vốn đầu tư", (("von dau tu",),)),
    ("nước sạch", (("nuoc sach",),)),
    ("thu gom chất thải", (("chat thai",),)),
    ("gia đình văn hóa", (("gia dinh van hoa",),)),
    ("tổ dân phố, thôn văn hóa", (("to dan pho", "van hoa"), ("lang van hoa",))),
    ("tăng trưởng nông nghiệp, thủy sản", (("nong nghiep",),)),
    ("tăng trưởng công nghiệp, xây dựng", (("cong nghiep", "xay dung"),)),
    ("tăng trưởng dịch vụ, thương mại", (("dich vu", "thuong mai"),)),
    ("tăng trưởng kinh tế", (("tang truong kinh te",), ("tong gia tri san pham",))),
    ("giá trị sản xuất công nghiệp", (("san xuat cong nghiep",),)),
    ("giá trị sản xuất nông, lâm, thủy sản", (("san xuat nong",),)),
    ("tổng mức bán lẻ hàng hóa", (("ban le",),)),
    ("doanh thu lưu trú, ăn uống", (("luu tru",),)),
    ("thu nhập bình quân đầu người", (("thu nhap binh quan",),)),
    ("tăng dân số tự nhiên", (("tang dan so",),)),
    ("giải quyết việc làm", (("viec lam",),)),
    ("lao động qua đào tạo", (("qua dao tao",),)),
    ("dịch vụ công trực tuyến", (("dich vu cong truc tuyen",),)),
    ("thủ tục hành chính đúng hạn", (("thu tuc hanh chinh",),)),
    ("hồ sơ trực tuyến", (("ho so truc tuyen",),)),
    ("sự hài lòng của người dân", (("hai long",),)),
    ("tuyển quân", (("giao quan",), ("nhap ngu",))),
    ("tỷ lệ lấp đầy cụm công nghiệp", (("lap day",),)),
    ("khu công nghiệp", (("khu cong nghiep",),)),
    ("doanh nghiệp trên 1.000 dân", (("doanh nghiep", "1.000 dan"),)),
    ("phòng học thông minh", (("phong hoc thong minh",),)),
    ("trường đạt chuẩn quốc gia", (("truong", "chuan quoc gia"),)),
    ("nhà đa năng", (("nha da nang",),)),
    ("cơ sở y tế", (("du an", "y te"), ("tram y te",))),
    ("nông thôn mới", (("nong thon moi",),)),
    ("an ninh, trật tự", (("an ninh chinh tri",), ("trat tu an toan",))),
    ("trẻ đi nhà trẻ", (("nha tre",),)),
    ("học sinh mẫu giáo", (("mau giao",),)),
    ("số lớp học", (("so lop",),)),
    ("số học sinh", (("so hoc sinh",),)),
    ("giá trị sản phẩm trên 1 ha", (("san pham", Unit("ha")),)),
)

# Indicators measured in per cent: the ones a bar chart can compare across localities.
PERCENT_KEYS = frozenset(key for key, _ in VOCABULARY if key.startswith(("tỷ lệ", "tăng trưởng")))


def indicator_key(text: str) -> str | None:
    """The normalised indicator ``text`` speaks of, or None if it is not in the vocabulary."""
    folded = f" {fold(text)} "

    def holds(fragment: Fragment) -> bool:
        return has_unit(text, fragment.word) if isinstance(fragment, Unit) else fragment in folded

    for key, alternatives in VOCABULARY:
        if any(all(holds(fragment) for fragment in alt) for alt in alternatives):
            return key
    return None
