"""Every error the product raises on purpose.

They carry a message a person can act on. The faces (CLI, app) turn them into output;
nothing below the faces prints or exits.
"""

from __future__ import annotations

__all__ = [
    "KehoachError",
    "InputError",
    "UnsupportedFormatError",
    "EmptyDocumentError",
    "OcrUnavailableError",
    "IndexMissingError",
    "IndexMismatchError",
    "IndexCorruptError",
    "ConfigError",
    "LLMError",
    "PlanExistsError",
    "IndexWriteError",
    "LLMStoppedError",
    "LimitExceededError",
]


class KehoachError(Exception):
    """Base class: an expected failure with a user-facing message (Vietnamese)."""


class ConfigError(KehoachError):
    """A setting has a value the program cannot use."""


class InputError(KehoachError):
    """A plan file that cannot be read: missing, unreadable, binary, too large."""


class UnsupportedFormatError(InputError):
    """A file type the readers do not handle."""


class EmptyDocumentError(InputError):
    """A readable file with no usable text in it."""


class OcrUnavailableError(InputError):
    """A scanned PDF page needs OCR and tesseract (or its Vietnamese data) is not installed."""


class IndexMissingError(KehoachError):
    """No index has been built yet in the configured folder."""


class IndexMismatchError(KehoachError):
    """The index was built with another embedding model or format: re-ingest."""


class IndexCorruptError(KehoachError):
    """Index files are damaged or truncated: rebuild with `kehoach ingest --rebuild`."""


class LLMError(KehoachError):
    """The chat model for generated answers cannot be used: server down, model missing."""


# --- issue 14: no silent replace, damaged index, disk full ---------------------------------

class PlanExistsError(InputError):
    """A plan with the same (or same-folded) name is loaded: replacing it must be asked for."""

    def __init__(self, message: str, existing: str = "") -> None:
        super().__init__(message)
        self.existing = existing


class IndexWriteError(KehoachError):
    """The index could not be written (disk full, no permission); the previous one stays."""


# --- issue 13: the model server dies mid-answer -------------------------------------------
class LLMStoppedError(LLMError):
    """The model server stopped answering (connection refused or dropped, no reply in time).

    Unlike a wrong setting, this happens to a working set-up (the server crashed, was
    killed or is overloaded), so generate mode answers extractively and says so.
    """


# --- issue 14: limits on hostile or oversized input ------------------------------------
class LimitExceededError(InputError):
    """Input over one of the configured limits (size, pages, chunks, question length).

    Raised before the costly work starts; the message names the limit and its setting."""


# --- issue 12: conversation history and feedback store (h12b) ---
class HistoryError(KehoachError):
    """The local history/feedback database cannot be opened or written."""


__all__ += ["HistoryError"]
