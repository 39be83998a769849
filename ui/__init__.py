"""The Streamlit face: small helper modules used by ``app.py``.

Modules that import Streamlit (``resources``, ``chat``, ``sidebar``, ``state``) only draw
and wire; ``markup``, ``examples`` and ``uploads`` hold the plain logic and are tested
without Streamlit.
"""
