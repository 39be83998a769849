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


# --- issue 12: conversation history and feedback store (h12b) ---
class HistoryError(KehoachError):
    """The local history/feedback database cannot be opened or written."""


__all__ += ["HistoryError"]
