"""Streamlit app: ask the loaded plans in Vietnamese, get cited answers.

Run with `kehoach app` (or `streamlit run app.py` in a checkout). The page itself is
``kehoach.ui.page``, installed with the package so `kehoach app` works without a checkout.
"""

from kehoach.ui.page import render

render()
