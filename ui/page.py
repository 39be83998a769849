"""The Streamlit page: ask the loaded plans in Vietnamese, get cited answers.

``kehoach app`` runs this file with Streamlit (it is installed with the package);
``app.py`` at the top of the checkout calls ``render`` too. UI only: the logic lives in
``kehoach.answer`` (Assistant, Conversation) and the small helpers beside this module.
"""

import streamlit as st

from kehoach.ui import chat, resources, sidebar, state, tabs_structured

__all__ = ["render"]


def render() -> None:
    """Draw the whole page once (Streamlit reruns it on every interaction)."""
    st.set_page_config(page_title="Hỏi đáp kế hoạch xã, phường", page_icon="📋", layout="wide")

    settings = resources.load_settings()
    shared = resources.open_shared(settings)
    conversation = state.conversation(shared)
    filters = sidebar.render_sidebar(shared, conversation)

    st.title("Hỏi đáp kế hoạch xã, phường")
    st.caption("Trả lời ngắn gọn từ chính văn bản kế hoạch, kèm trích dẫn. "
               "Nếu kế hoạch không nói, trợ lý sẽ trả lời là không tìm thấy.")

    ask_tab, targets_tab, deadlines_tab, units_tab = st.tabs(["Hỏi đáp", *tabs_structured.TAB_TITLES])
    with ask_tab:
        chat.render_history(shared, conversation)
        question = st.chat_input("Hỏi về chỉ tiêu, thời hạn, đơn vị phụ trách…") or state.take_question()
        if question:
            chat.ask(shared, conversation, question, filters.locality, filters.doc_ids)
        elif not conversation.turns:
            chat.render_examples(resources.examples_for(shared))
    tabs_structured.render_tabs(shared, (targets_tab, deadlines_tab, units_tab),
                                filters.locality, filters.doc_ids)

    request = state.take_view()
    if request is not None:
        chat.show_plan(shared, request)


if __name__ == "__main__":  # run as a script by `streamlit run`
    render()
