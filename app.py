"""Streamlit app: ask the loaded plans in Vietnamese, get cited answers.

Run with `kehoach app` (or `streamlit run app.py`). UI only: the logic lives in
answer/ (Assistant, Conversation) and the small helpers in ui/.
"""

import streamlit as st

from ui import chat, resources, sidebar, state

st.set_page_config(page_title="Hỏi đáp kế hoạch xã, phường", page_icon="📋", layout="wide")

settings = resources.load_settings()
shared = resources.open_shared(settings)
conversation = state.conversation(shared)
filters = sidebar.render_sidebar(shared, conversation)

st.title("Hỏi đáp kế hoạch xã, phường")
st.caption("Trả lời ngắn gọn từ chính văn bản kế hoạch, kèm trích dẫn. "
           "Nếu kế hoạch không nói, trợ lý sẽ trả lời là không tìm thấy.")

chat.render_history(shared, conversation)
question = st.chat_input("Hỏi về chỉ tiêu, thời hạn, đơn vị phụ trách…") or state.take_question()
if question:
    chat.ask(shared, conversation, question, filters.locality, filters.doc_ids)
elif not conversation.turns:
    chat.render_examples(resources.examples_for(shared))

request = state.take_view()
if request is not None:
    chat.show_plan(shared, request)
