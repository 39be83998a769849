"""How Vietnamese administrative documents are written, in one place every layer uses.

Submodules, one concept each; each reads the original text and returns spans into it,
matching on the folded form (``kehoach.core.text.fold_aligned``) so OCR'd text without
diacritics is read too. Depends only on ``kehoach.core``.

- ``abbreviations``: the one table of abbreviations ("CĐS" chuyển đổi số, "PCTT", "UBND",
  "TP."…, ``data/abbreviations.tsv``), read both ways (``spell_out``, ``other_forms``), and
  those a plan defines itself (``defined_abbreviations``: "Ban Chỉ đạo (BCĐ)").
- ``dates``: ``find_dates(text) -> [DateMention]`` (day, month, period, quarter, year, range,
  relative; ``cue``/``is_deadline``; ``covers(claim)`` for the grounding guard; ``value``
  is the (day, month, year) tuple answer/figures.py compares), ``date_at``, ``parse_date``.
  "Has a date" = a mention whose precision is in ``POINT_PRECISIONS``; "has a year" = any.
  ``find_periods`` (time frames "từ ngày 15 đến 22-10-2014"), ``is_end``/``END_CUES`` ("đến
  hết", "cuối tháng 7/2015"), ``dateline`` (a news item's "Ngày 03/5, UBND … ban hành …"),
  ``states_time_frame`` ("Thời gian triển khai từ …").
- ``docrefs``: ``find_docrefs(text) -> [DocRef]`` (doc_type, number, year, symbol, ``ref``,
  date, issuer, a law's name), ``normalise_symbol``/``symbol_key``, ``is_reference_date`` and
  ``free_dates`` (so a "Căn cứ … ngày 08/5/2020" date is never a deadline).
- ``header``: ``read_header(text) -> Header`` (issuing body and parent body, number, place,
  date, type, title, the website's table), ``read_site_table``, ``read_enacting_clause``,
  ``complete_issuer``, ``title_from_page``.
- ``signature``: ``read_signature(closing) -> Signature`` (TM./KT./Q./TL./TUQ., title, name,
  digital-signature stamps), ``opens_signature``.
- ``casing``: the document's own casing for lines typed in capitals.
- ``gazetteer``: the national gazetteer (current units from ``vietnam-provinces``, former
  units and their 2025 conversion from ``vietnamadminunits``), derived once into
  ``data/gazetteer.json`` by ``scripts/build_gazetteer.py``.
- ``localities``: localities in headers, texts and questions (``find_localities``,
  ``detect_plan_locality``, ``same_place``, ``within``, ``resolve``).
- ``plan_locality``: ``locate_plan(text, file_name) -> PlanLocality`` (locality, span, source):
  a plan's locality from header, site table, title, opening sentence, signature, place line
  or file name, in that order of trust; ``WEAK_SOURCES`` are guesses an answer says so of.
- ``markers``: list markers ("I.", "1.", "1)", "a)", "(11)", bullets), ``strip_marker``;
  ``continues_line``: a line that carries on a name or date the one before breaks off.
- ``figures``: ``find_figures(text) -> [Figure]``: a number with any unit ("1.200 lao động"),
  a range as one figure ("60 - 70%": ``upper``).
- ``bases``: the documents a plan rests on, stated ("Căn cứ …", "Thực hiện …") or listed bare
  under a bases heading ("I. CĂN CỨ PHÁP LÝ"): ``is_bases_heading``, ``under_bases_heading``,
  ``states_basis``.
- ``sections``: ``in_review(path)``: a section reviewing past results, whose figures are no
  targets.
- ``units``: ``find_units(text) -> [UnitMention]``: the bodies a text names ("Sở Lao động -
  Thương binh và Xã hội", "UBND các xã, phường") and the role it gives each (đề nghị, chủ trì,
  phối hợp, thường trực, chịu trách nhiệm, nhận báo cáo, thực hiện, ban hành); ``asked_role``
  and ``compatible_roles`` for "which unit" questions.
"""
