"""Accessibility and language of the page: contrast, a skip link to the question box,
the newest answer scrolled into view, and Vietnamese for Streamlit's own English labels.

Streamlit has no setting for the language of its own controls ("Skip to main content",
"Expand sidebar", "Send message", "Browse files", "Download as CSV"…), so a small script
in the page replaces those strings, and keeps replacing them as Streamlit redraws
(MutationObserver). Only the exact strings in ``STREAMLIT_LABELS`` are touched; nothing
taken from a plan goes into a script. Grey text (captions, help) is darkened to at
least 4.5:1 against the page (WCAG AA).
"""

from __future__ import annotations

import json

import streamlit as st

__all__ = ["render_page_helpers", "skip_link", "scroll_to_newest", "STREAMLIT_LABELS",
           "SKIP_LINK_TEXT", "CAPTION_COLOR"]

# Streamlit's English labels, as its frontend writes them, and what the page shows instead.
STREAMLIT_LABELS = {
    "Skip to main content": "Chuyển đến nội dung chính",
    "Expand sidebar": "Mở thanh bên",
    "Collapse sidebar": "Thu gọn thanh bên",
    "Send message": "Gửi câu hỏi",
    "Browse files": "Chọn tệp",
    "Upload": "Tải lên",
    "Drag and drop files here": "Kéo thả tệp vào đây",
    "Drag and drop file here": "Kéo thả tệp vào đây",
    "Download as CSV": "Tải về dạng CSV",
    "Search": "Tìm kiếm",
    "Fullscreen": "Toàn màn hình",
    "Close fullscreen": "Thoát toàn màn hình",
    "Close": "Đóng",
    "Main menu": "Trình đơn",
    "Running...": "Đang chạy…",
    "Stop": "Dừng",
    "Copy to clipboard": "Sao chép",
    "Remove file": "Bỏ tệp",
    "Delete": "Xoá",
    "Clear all": "Bỏ hết",
    "Open": "Mở",
    "Select all": "Chọn tất cả",
    "No results": "Không có kết quả",
    "Choose an option": "Chọn một mục",
    # Read out by screen readers only (aria-label).
    "Sidebar": "Thanh bên",
    "file upload": "Tải tệp lên",
    "Link to heading": "Liên kết đến tiêu đề",
    "Chat message from user": "Câu hỏi",
    "Chat message from assistant": "Câu trả lời của trợ lý",
}
SKIP_LINK_TEXT = "Chuyển đến ô câu hỏi"
# #4a4f5c on white is 8.3:1, on Streamlit's sidebar grey (#f0f2f6) 7.4:1.
CAPTION_COLOR = "#4a4f5c"
_ATTRIBUTES = ("aria-label", "title", "placeholder")

_STYLE = f"""<style>
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p,
[data-testid="stWidgetLabel"] small, [data-testid="stTooltipHoverTarget"] svg,
[data-testid="stChatInputTextArea"]::placeholder {{ color: {CAPTION_COLOR} !important;
  opacity: 1 !important; }}
.kh-skip {{ position: absolute; left: -10000px; }}
.kh-skip:focus {{ position: static; display: inline-block; padding: .25rem .5rem;
  background: #fff; color: #0b57d0; outline: 2px solid #0b57d0; }}
</style>"""

_TRANSLATE_JS = """<script>
(() => {
  const labels = __LABELS__;
  const attrs = __ATTRS__;
  const doc = window.parent ? window.parent.document : document;
  const fix = (root) => {
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.nodeValue.trim();
      if (text && Object.prototype.hasOwnProperty.call(labels, text)) {
        n.nodeValue = n.nodeValue.replace(text, labels[text]);
      }
    }
    root.querySelectorAll && root.querySelectorAll("*").forEach((el) => {
      for (const a of attrs) {
        const v = el.getAttribute(a);
        if (v && Object.prototype.hasOwnProperty.call(labels, v)) el.setAttribute(a, labels[v]);
      }
    });
  };
  if (doc.documentElement.lang !== "vi") doc.documentElement.lang = "vi";
  fix(doc.body);
  if (!doc.__khLabels) {
    doc.__khLabels = new MutationObserver((changes) => {
      for (const c of changes) {
        if (c.type === "characterData" && c.target.parentNode) fix(c.target.parentNode);
        else if (c.type === "attributes") fix(c.target.parentNode || c.target);
        else c.addedNodes.forEach((node) => fix(node.nodeType === 1 ? node : node.parentNode));
      }
    });
    doc.__khLabels.observe(doc.body, {subtree: true, childList: true, characterData: true,
                                      attributes: true, attributeFilter: attrs});
  }
})();
</script>"""

_SKIP_JS = """<a class="kh-skip" href="#" id="kh-skip-to-question">__TEXT__</a>
<script>
(() => {
  const doc = window.parent ? window.parent.document : document;
  const link = doc.getElementById("kh-skip-to-question");
  if (!link || link.__kh) return;
  link.__kh = true;
  link.addEventListener("click", (event) => {
    event.preventDefault();
    const box = doc.querySelector('[data-testid="stChatInputTextArea"]');
    if (box) box.focus();
  });
})();
</script>"""

_SCROLL_JS = """<script>
(() => {
  // Turn __TURN__: bring the newest question and its answer into view.
  const doc = window.parent ? window.parent.document : document;
  let tries = 0;
  const go = () => {
    const messages = doc.querySelectorAll('[data-testid="stChatMessage"]');
    if (messages.length < 2 && tries++ < 40) { setTimeout(go, 50); return; }
    const question = messages[messages.length - 2];
    if (question) question.scrollIntoView({block: "start", behavior: "instant"});
  };
  requestAnimationFrame(go);
})();
</script>"""


def render_page_helpers() -> None:
    """Contrast and Vietnamese labels for the whole page (drawn once per run)."""
    st.html(_STYLE)
    script = (_TRANSLATE_JS.replace("__LABELS__", json.dumps(STREAMLIT_LABELS, ensure_ascii=False))
              .replace("__ATTRS__", json.dumps(list(_ATTRIBUTES))))
    st.html(script, unsafe_allow_javascript=True)


def skip_link() -> None:
    """First focusable item of the sidebar: a link that puts the cursor in the question box."""
    st.html(_SKIP_JS.replace("__TEXT__", SKIP_LINK_TEXT), unsafe_allow_javascript=True)


def scroll_to_newest(turns: int) -> None:
    """After each question, show its answer (the script differs per turn, so it runs again)."""
    st.html(_SCROLL_JS.replace("__TURN__", str(int(turns))), unsafe_allow_javascript=True)
