"""One exception tree for everything eventwire raises on purpose.

    EventwireError
     +-- IngestError    an input file or line cannot be read as an article
     +-- ExtractError   the NLP stack cannot be loaded or run
     +-- ResolveError   actor or place knowledge cannot be loaded (e.g. a bad user file)
     +-- StoreError     the DuckDB store cannot be opened or written
     +-- EvaluateError  a gold file is missing or not in the suite's format

The CLI prints any of these as one line and exits non-zero; nothing else is a user error.
"""

from __future__ import annotations


class EventwireError(Exception):
    """Base of every error eventwire raises deliberately."""


class IngestError(EventwireError):
    """An input cannot be read; names the file (and line) it came from."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = path or "<input>"
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {message}")


class ExtractError(EventwireError):
    pass


class ResolveError(EventwireError):
    pass


class StoreError(EventwireError):
    pass


class EvaluateError(EventwireError):
    pass
