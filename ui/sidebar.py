"""The sidebar: filters, the loaded plans with their metadata, uploads (indexed in the
background, ``uploads_job``), and the technical details folded away for who needs them."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from kehoach.answer.conversation import Conversation
from kehoach.core.errors import KehoachError
from kehoach.ui import a11y, generate, markup, state, uploads_job
from kehoach.ui.markup import plan_name
from kehoach.ui.resources import Shared, progress_callback
from kehoach.ui.uploads import clashes, delete_plan

__all__ = ["Filters", "render_sidebar", "BUSY_NOTE"]

_ALL = ""
_CONFIRM_REMOVE = "confirm_remove"
_NOTICE = uploads_job.NOTICE_KEY
# While a job runs the uploader is not shown: one upload at a time (its cancel is the page's).
BUSY_NOTE = "Một lượt nạp đang chạy: chờ nạp xong (hoặc bấm “Hủy tải lên”) rồi thêm tệp khác."
_ASK_REPLACE = "upload_ask_replace"  # (files, clashes) waiting for "Thay thế" / "Không"
# Streamlit's own "200MB per file" line contradicts our limit (settings.max_upload_mb,
# checked with a Vietnamese message in ingest.library.add_plan), so it is hidden.
_HIDE_UPLOADER_LIMIT = ('<style>[data-testid="stFileUploaderDropzoneInstructions"]'
                        "{display:none}</style>")


@dataclass(frozen=True)
class Filters:
    """What the user limited answers to (None = no limit)."""

    locality: str | None = None
    doc_ids: list[str] | None = None


def _plan_label(shared: Shared, doc: str) -> str:
    if doc == _ALL:
        return "Tất cả kế hoạch"
    return plan_name(shared.assistant.index.plans[doc].meta)


def _filters(shared: Shared, conversation: Conversation) -> Filters:
    st.header("Bộ lọc")
    assistant = shared.assistant
    locality = st.selectbox("Địa phương", [_ALL, *assistant.localities], key="filter_locality",
                            format_func=lambda v: v or "Tất cả địa phương")
    docs = sorted(d for d, p in assistant.index.plans.items()
                  if not locality or p.meta.locality == locality)
    doc = st.selectbox("Kế hoạch", [_ALL, *docs], key="filter_plan",
                       format_func=lambda d: _plan_label(shared, d))
    generate.render_toggle(shared)
    if st.button("Cuộc trò chuyện mới"):
        conversation.reset()
    return Filters(locality or None, [doc] if doc else None)


def _notice() -> None:
    """Show (once) what the last upload or removal did."""
    for kind, message in st.session_state.pop(_NOTICE, []):
        getattr(st, kind)(message)


def _plans(shared: Shared) -> None:
    plans = shared.assistant.index.plans
    st.header(f"Kế hoạch đã nạp ({len(plans)})")
    if not plans:
        st.caption("Chưa có kế hoạch nào. Hãy tải lên ở mục bên dưới.")
    for doc, plan in sorted(plans.items()):
        meta = plan.meta
        with st.expander(plan_name(meta)):
            st.markdown(markup.answer_markdown(meta.title or doc))
            for name, value in markup.plan_facts(meta)[1:]:
                st.caption(f"{name}: {value}")
            if meta.ocr_repaired:
                st.caption("Lưu ý: Bản OCR, đã sửa dấu tự động")
            st.button("Xem toàn văn", key=f"view-{doc}",
                      on_click=state.request_view, args=(doc, None))
            if st.session_state.get(_CONFIRM_REMOVE) == doc:
                st.warning("Xoá kế hoạch này khỏi thư mục và chỉ mục?")
                yes, no = st.columns(2)
                if yes.button("Xoá", key=f"remove-yes-{doc}", type="primary"):
                    _remove(shared, doc)
                if no.button("Huỷ", key=f"remove-no-{doc}"):
                    st.session_state.pop(_CONFIRM_REMOVE, None)
                    st.rerun()
            elif st.button("Xoá kế hoạch", key=f"remove-{doc}"):
                st.session_state[_CONFIRM_REMOVE] = doc
                st.rerun()


def _remove(shared: Shared, doc: str) -> None:
    st.session_state.pop(_CONFIRM_REMOVE, None)
    name = plan_name(shared.assistant.index.plans[doc].meta)
    bar = st.progress(0.0, text="Đang cập nhật chỉ mục…")
    try:
        with shared.lock:
            delete_plan(shared.assistant, doc, progress_callback(bar))
        st.session_state[_NOTICE] = [("success", f"Đã xoá kế hoạch {name}.")]
    except KehoachError as exc:
        st.session_state[_NOTICE] = [("error", f"Không xoá được: {exc}")]
    st.rerun()


def _existing_names(shared: Shared, found: list[tuple[str, str]]) -> str:
    plans = shared.assistant.index.plans
    names = dict.fromkeys(plan_name(plans[doc].meta) if doc in plans else doc for _, doc in found)
    return ", ".join(names)


def _ask_replace(shared: Shared) -> None:
    """An upload named like a loaded plan: ask before replacing it (issue 14: never silently)."""
    files, found = st.session_state[_ASK_REPLACE]
    names = _existing_names(shared, found)
    st.warning(f"Đã có kế hoạch {names}. Thay thế kế hoạch cũ? Bản cũ được lưu trong lịch sử.")
    yes, no = st.columns(2)
    if yes.button("Thay thế", key="replace-yes", type="primary"):
        st.session_state.pop(_ASK_REPLACE, None)
        uploads_job.start(shared, files, replace=True)
        st.rerun()
    if no.button("Không", key="replace-no"):
        st.session_state.pop(_ASK_REPLACE, None)
        # A batch is all or nothing: without the replacement none of its files is added.
        st.session_state[_NOTICE] = [("info", f"Giữ nguyên kế hoạch {names}; không nạp tệp nào "
                                              "trong lượt tải lên này.")]
        st.rerun()


def _uploads(shared: Shared) -> None:
    st.header("Thêm kế hoạch")
    limit = shared.assistant.settings.max_upload_mb
    st.html(_HIDE_UPLOADER_LIMIT)
    uploads_job.render_progress(shared)
    if uploads_job.busy(shared):
        st.caption(BUSY_NOTE)
        return
    if _ASK_REPLACE in st.session_state:
        _ask_replace(shared)
        return
    files = st.file_uploader(
        f"Tệp PDF, DOCX, TXT hoặc MD, tối đa {limit:g} MB mỗi tệp",
        accept_multiple_files=True, key=state.uploader_key(),
        help="Chọn hoặc kéo thả tệp kế hoạch vào đây, rồi bấm “Nạp vào chỉ mục”. Việc nạp "
             "chạy nền: trong lúc đó vẫn hỏi được theo các kế hoạch đã có. Nhiều tệp cùng "
             "lúc: nạp tất cả hoặc không tệp nào.",
    )
    if files and st.button("Nạp vào chỉ mục", type="primary"):
        batch = [(f.name, f.getvalue()) for f in files]
        state.reset_uploader()
        found = clashes(shared.assistant.settings, batch)
        if found:
            st.session_state[_ASK_REPLACE] = (batch, found)
        else:
            uploads_job.start(shared, batch)
        st.rerun()


def _technical(shared: Shared) -> None:
    """What a developer or administrator needs; folded away from the officer's view."""
    manifest = shared.assistant.index.manifest
    settings = shared.assistant.settings
    with st.expander("Thông tin kỹ thuật"):
        st.caption(f"Mô hình: {manifest.model_id} ({manifest.backend}, {manifest.dimension} chiều)")
        st.caption(f"Số đoạn: {manifest.chunk_count} · chỉ mục {manifest.vector_index}")
        st.caption(f"Nạp lần cuối: {markup.local_time(manifest.created)}")
        st.caption(f"Thư mục kế hoạch: {settings.plans_dir}")
        st.caption(f"Thư mục chỉ mục: {settings.index_dir}")
        st.caption(f"Thời gian nạp lúc khởi động: {shared.load_seconds:.1f} giây")
        st.caption(generate.technical_note(shared))
        for doc, plan in sorted(shared.assistant.index.plans.items()):
            entry = manifest.documents.get(doc)
            st.caption(f"{plan_name(plan.meta)}: tệp {plan.meta.source_file} · "
                       f"{entry.chunks if entry else '?'} đoạn")


def render_sidebar(shared: Shared, conversation: Conversation) -> Filters:
    """Draw the sidebar; return the filters the user chose."""
    with st.sidebar:
        a11y.skip_link()
        filters = _filters(shared, conversation)
        st.divider()
        uploads_job.collect(shared)
        _notice()
        _plans(shared)
        st.divider()
        _uploads(shared)
        st.divider()
        _technical(shared)
    return filters
