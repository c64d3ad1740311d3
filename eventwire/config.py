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
class LinkSettings:
    """Thresholds of the link stage (reports -> incidents); see docs/incidents.md."""

    # Two reports dated to a day from their text may differ by this many days.
    day_slack_days: int = 0
    # A report dated only by its publication may describe events up to this many days earlier.
    published_lag_days: int = 2
    # An accusation or denial dated to a day may answer events up to this many days earlier.
    statement_lag_days: int = 2
    # Reports whose date window is longer (a year, a long range) are too vague to link.
    max_window_days: int = 31
    # Places within near_km are "nearby"; reports whose places are farther than max_km apart are
    # never joined (a district centre and a village in it are usually within 30 km).
    near_km: float = 25.0
    max_km: float = 60.0
    # Sum of evidence scores (type, date, place, actors, same article) needed to join two reports.
    min_score: float = 2.4
    # Only reports of events said to have happened are linked; others stay incidents of their own.
    modalities: tuple[str, ...] = ("actual",)


@dataclass
class Settings:
    db_path: str = DEFAULT_DB
    # Extra actor dictionaries (eventwire JSON or PETRARCH .txt), after the built-in one.
    actor_files: list[str] = field(default_factory=list)
    # Largest input file read, in bytes; larger ones are refused with a clear error.
    max_file_bytes: int = 100 * 1024 * 1024
    # Worker processes that code articles (parse and rules) in parallel.
    processes: int = 1
    # Articles stored per transaction by `ingest`: a crash loses at most this many.
    batch_size: int = 64
    link: LinkSettings = field(default_factory=LinkSettings)
