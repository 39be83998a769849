"""kehoach: offline question answering over Vietnamese local-government plans.

The installed package is one namespace whose parts are the repository's top folders:
``kehoach.core`` (settings, errors, records, text; imported by every layer),
``kehoach.ingest`` -> ``kehoach.index`` -> ``kehoach.extract`` -> ``kehoach.answer``, and
the faces on top, ``kehoach.cli`` and ``kehoach.ui``. This module imports none of them.
"""
