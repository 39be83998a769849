"""The Streamlit page: ask the loaded plans in Vietnamese, get cited answers.

``kehoach app`` runs this file with Streamlit (it is installed with the package);
``app.py`` at the top of the checkout calls ``render`` too. UI only: the logic lives in
``kehoach.answer`` (Assistant, Conversation) and the small helpers beside this module.

Layout (issue 12): the chat is the page's main column and ``st.chat_input`` sits at the
top level, so Streamlit pins it to the bottom of the window whatever tab is open; the
structured views are tabs above the chat history. Only Streamlit is imported at module
level: the answering stack takes seconds to import, and the page shows its progress
from the first second instead of a blank window.
"""

import streamlit as st

__all__ = ["render", "PAGE_TITLE", "CHAT_TAB", "CHAT_PLACEHOLDER"]

PAGE_TITLE = "Hỏi đáp kế hoạch xã, phường"
CHAT_TAB = "Hỏi đáp"
CHAT_PLACEHOLDER = "Nhập câu hỏi về chỉ tiêu, thời hạn, đơn vị phụ trách…"
_TAB_KEY = "main_tab"
_CHAT_KEY = "chat_question"


def _on_question() -> None:
    """A question sent from any tab: show the chat tab, where its answer is drawn."""
    st.session_state[_TAB_KEY] = CHAT_TAB


def render() -> None:
    """Draw the whole page once (Streamlit reruns it on every interaction)."""
    st.set_page_config(page_title=PAGE_TITLE, page_icon="📋", layout="wide",
                       initial_sidebar_state="auto")
    boot = st.empty()
    with boot.container():
        starting = st.status("Đang khởi động trợ lý hỏi đáp…", expanded=True)
        starting.write("Đang nạp chương trình…")

    from kehoach.ui import a11y, chat, resources, sidebar, state, tabs_structured, uploads_job

    a11y.render_page_helpers()
    settings = resources.load_settings()
    starting.write("Đang nạp mô hình và chỉ mục kế hoạch…")
    with boot.container():
        shared = resources.open_shared(settings, starting)
    boot.empty()  # the index is ready: no start-up banner stays

    uploads_job.refresh(shared)
    conversation = state.conversation(shared)
    filters = sidebar.render_sidebar(shared, conversation)

    st.title(PAGE_TITLE)
    st.caption("Trả lời ngắn gọn từ chính văn bản kế hoạch, kèm trích dẫn. "
               "Nếu kế hoạch không nói, trợ lý sẽ trả lời là không tìm thấy.")

    tabs = st.tabs([CHAT_TAB, *tabs_structured.TAB_TITLES], key=_TAB_KEY, on_change="rerun")
    # Top level (in no tab or column): Streamlit pins it to the bottom of the window.
    typed = st.chat_input(CHAT_PLACEHOLDER, key=_CHAT_KEY, on_submit=_on_question,
                          max_chars=settings.max_question_chars)
    question = typed or state.take_question()
    with tabs[0]:
        chat.render_history(shared, conversation)
        if question:
            chat.ask(shared, conversation, question, filters.locality, filters.doc_ids)
        elif not conversation.turns:
            chat.render_examples(resources.examples_for(shared))
        if conversation.turns:
            a11y.scroll_to_newest(len(conversation.turns))
    tabs_structured.render_tabs(shared, (tabs[1], tabs[2], tabs[3]), filters.locality, filters.doc_ids)

    request = state.take_view()
    if request is not None:
        chat.show_plan(shared, request)


if __name__ == "__main__":  # run as a script by `streamlit run`
    render()
