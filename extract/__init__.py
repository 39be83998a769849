"""Structured views of the plans: targets (chỉ tiêu), deadlines (hạn) and responsibilities
(phân công), each record citing its plan, section and passage.

Extraction reads the stored, OCR-repaired plan text; it is recomputed from the index's
plans when the index loads (``extract.views.views_of_index``) so the index stays one atomic
generation.
"""
