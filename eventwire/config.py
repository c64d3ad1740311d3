"""Settings passed explicitly to each stage (no module globals, so two configs can coexist)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DB = "eventwire.duckdb"


def cache_dir() -> Path:
    """Where built indexes (gazetteer) are cached; EVENTWIRE_CACHE overrides."""
    root = os.environ.get("EVENTWIRE_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "eventwire")
    path = Path(root)
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass
class Settings:
    db_path: str = DEFAULT_DB
    # Extra actor dictionaries (eventwire JSON or PETRARCH .txt), after the built-in one.
    actor_files: list[str] = field(default_factory=list)
    # Largest input file read, in bytes; larger ones are refused with a clear error.
    max_file_bytes: int = 100 * 1024 * 1024
    # Parse worker processes for large batches (spaCy n_process).
    processes: int = 1
    batch_size: int = 64
