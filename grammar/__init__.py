"""How Vietnamese administrative documents are written, in one place every layer uses.

Submodules, one concept each: ``dates`` (every way a plan writes a date or a period),
``docrefs`` (document references of any ký hiệu), ``header`` (the standard header, title
and signature block, and the metadata table of legal-document websites). Each reads the
original text and returns spans into it; matching runs on the folded form
(``kehoach.core.text.fold_aligned``) so OCR'd text without diacritics is read too.
Depends only on ``kehoach.core``.
"""
