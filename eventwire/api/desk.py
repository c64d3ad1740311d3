"""The store and the pipeline behind the web app and the API, with the locking DuckDB needs.

DuckDB lets one process hold a file read-write, and one connection must not run two statements
at once; the server owns one Store and every call into it holds `Desk.lock` (reads take
milliseconds, so a queue costs little). Coding an article takes far longer, so ingest runs the
pipeline outside that lock (under its own: spaCy models are not shared across threads) and takes
the store lock only to check what is new and to write it, one transaction per request.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.config import Settings
from eventwire.errors import IngestError
from eventwire.ingest import read_articles
from eventwire.model import Article, Event
from eventwire.pipeline import Pipeline
from eventwire.store import Store

PASTED = "<pasted>"
_UNSAFE_NAME = re.compile(r"[^\w.\-]+")


@dataclass
class IngestReport:
    """What one ingest request did: new articles with their events, known ones, errors."""

    added: list[tuple[Article, list[Event]]] = field(default_factory=list)
    known: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def events(self) -> list[Event]:
        return [event for _, found in self.added for event in found]


class Desk:
    """One Store and one Pipeline shared by every request of a server."""

    def __init__(self, store: Store, settings: Settings | None = None,
                 pipeline: Pipeline | None = None) -> None:
        self.settings = settings or Settings(db_path=store.path)
        self.store = store
        self._pipeline = pipeline
        self.lock = threading.RLock()
        self._pipeline_lock = threading.Lock()

    @property
    def pipeline(self) -> Pipeline:
        with self._pipeline_lock:
            if self._pipeline is None:
                self._pipeline = Pipeline(self.settings)
            return self._pipeline

    @contextmanager
    def reading(self) -> Iterator[Store]:
        with self.lock:
            yield self.store

    def ingest_text(self, text: str) -> IngestReport:
        """A pasted article, read exactly as the CLI reads stdin (plain text with an optional
        header, JSONL or an HTML page)."""
        items = read_articles(["-"], max_file_bytes=self.settings.max_file_bytes,
                              stdin=io.StringIO(text))
        return self.ingest(_renamed(items, {"<stdin>": PASTED}))

    def ingest_files(self, files: Iterable[tuple[str, bytes]]) -> IngestReport:
        """Uploaded files, read by the CLI's file readers (so the same checks and messages);
        errors name the uploaded file, not the scratch copy."""
        with tempfile.TemporaryDirectory(prefix="eventwire-upload-") as scratch:
            paths: list[str] = []
            names: dict[str, str] = {}
            for n, (name, data) in enumerate(files):
                shown = os.path.basename(name or "") or f"upload-{n + 1}.txt"
                path = Path(scratch) / f"{n:04d}-{_UNSAFE_NAME.sub('_', shown)}"
                path.write_bytes(data)
                paths.append(str(path))
                names[str(path)] = shown
            items = list(_renamed(
                read_articles(paths, max_file_bytes=self.settings.max_file_bytes), names))
        return self.ingest(items)

    def ingest(self, items: Iterable[Article | IngestError]) -> IngestReport:
        report = IngestReport()
        fresh: dict[str, Article] = {}
        with self.lock:
            for item in items:
                if isinstance(item, IngestError):
                    report.errors.append(str(item))
                elif item.id in fresh or self.store.has_article(item.id):
                    report.known.append(item.id)
                else:
                    fresh[item.id] = item
        if not fresh:
            return report
        pipeline = self.pipeline
        with self._pipeline_lock:
            coded = list(pipeline.process_many(fresh.values()))
        with self.lock:
            for article, found in coded:
                if self.store.add(article, found):
                    report.added.append((article, found))
                else:  # stored by a concurrent request meanwhile
                    report.known.append(article.id)
            # As `eventwire ingest` does: new reports join (or start) incidents at once.
            self.store.link(self.settings.link)
        return report


def _renamed(items: Iterable[Article | IngestError],
             names: dict[str, str]) -> Iterator[Article | IngestError]:
    """The items with each path in `names` replaced by the name the user knows it by."""
    for item in items:
        if isinstance(item, IngestError) and item.path in names:
            item.args = (str(item).replace(item.path, names[item.path], 1),)
        elif isinstance(item, Article) and item.source_file in names:
            item.source_file = names[item.source_file]
        yield item
