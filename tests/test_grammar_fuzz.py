"""Property-based fuzzing (hypothesis) of the plan grammar: on any text the readers return,
never raise, and every span they give points into the text they were given."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kehoach.grammar.dates import find_dates
from kehoach.grammar.docrefs import find_docrefs
from kehoach.grammar.header import read_header, read_site_table
from kehoach.grammar.signature import read_signature

FUZZ = settings(max_examples=80, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PIECES = ["ngày ", "ngay", "tháng ", "thang", "năm ", "nam", "quý ", "IV", "I", "/", "-", ".",
          "10", "02", "2025", "2021 - 2025", "giai đoạn ", "6 tháng đầu năm", "từ đầu năm",
          "Số: ", "Số hiệu", "Ngày ban hành", "Người ký", " | ", "|", "\n", "36 /KH - UBND",
          "Nghị quyết số ", "47-NQ/TU", "Luật ", "của ", "Chủ tịch UBND tỉnh", "KẾ HOẠCH",
          "ỦY BAN NHÂN DÂN", "TỈNH LẠNG SƠN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
          "Độc lập - Tự do - Hạnh phúc", "-------", "Lạng Sơn, ", "TM. ", "KT. ", "CHỦ TỊCH",
          "PHÓ ", "Nguyễn Văn A", "<a@b.vn> đã ký", "Căn cứ ", "Phần I", "\u0301", "đ", " "]
texts = st.lists(st.sampled_from(PIECES) | st.text(max_size=6), max_size=50).map("".join)


@FUZZ
@given(texts)
def test_dates_and_references_stay_in_the_text(text: str) -> None:
    for mention in find_dates(text):
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start:mention.end] == mention.text
        assert mention.precision in ("day", "month", "period", "quarter", "year", "range", "relative")
    for ref in find_docrefs(text):
        assert 0 <= ref.start < ref.end <= len(text) and text[ref.start:ref.end] == ref.text


@FUZZ
@given(texts)
def test_header_and_signature_never_raise(text: str) -> None:
    header = read_header(text)
    for span in (header.number_span, header.place_span, header.title_span, header.issuer_span):
        assert span is None or 0 <= span[0] <= span[1] <= len(text)
    for value, (start, end) in read_site_table(text).values():
        assert text[start:end] == value
    signature = read_signature(text)
    assert signature.name_span is None or text[signature.name_span[0]:signature.name_span[1]] == signature.name
