"""Memory stays steady over a long ingest: nothing per article is kept once it is stored."""

from __future__ import annotations

import importlib.util
import pickle
import sys
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from types import ModuleType

import psutil
import pytest

from eventwire.config import Settings
from eventwire.errors import IngestError
from eventwire.ingest import read_articles
from eventwire.model import Article
from eventwire.pipeline import Pipeline
from eventwire.store import Store

GENERATOR_PATH = Path(__file__).resolve().parents[1] / "benchmarks" / "generate_corpus.py"
ARTICLES = 1000
WORDS = 150
CHUNK = 100
# The model, dictionary and gazetteer are loaded and DuckDB's buffers are warm by article 300;
# growth after that would be a leak (about 90 KB per article at this bound).
MAX_GROWTH_MB = 60


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_corpus", GENERATOR_PATH)
    module = importlib.util.module_from_spec(spec)
    # dataclasses resolve annotations through sys.modules, so register before executing.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def articles_in(folder: Path) -> Iterator[Article]:
    for item in read_articles([folder]):
        if isinstance(item, IngestError):
            raise item
        yield item


@pytest.mark.slow
def test_rss_is_steady_over_a_thousand_articles_and_reingesting_adds_nothing(
        tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    gen = load_generator()
    assert gen.write_directory(gen.generate_articles(ARTICLES, WORDS, seed=7), folder) == ARTICLES

    process = psutil.Process()
    rss_mb: dict[int, float] = {}
    pipeline = Pipeline(Settings())
    with Store(tmp_path / "events.duckdb") as store:
        # Chunked the way the CLI streams: code a chunk, store it, move on.
        coded = pipeline.process_many(articles_in(folder))
        done = 0
        while chunk := list(islice(coded, CHUNK)):
            assert store.add_many(chunk) == len(chunk)
            done += len(chunk)
            del chunk
            rss_mb[done] = process.memory_info().rss / 2**20

        stats = store.stats()
        assert stats["articles"] == ARTICLES
        assert stats["events"] > ARTICLES  # every article leads with an event sentence

        # Ids are content-addressed, so a second pass over the folder finds every article stored.
        again = store.add_many((article, []) for article in articles_in(folder))
        assert again == 0
        assert store.stats() == stats

    assert sorted(rss_mb) == list(range(CHUNK, ARTICLES + 1, CHUNK))
    growth = rss_mb[ARTICLES] - rss_mb[300]
    trace = ", ".join(f"{n}: {mb:.0f}" for n, mb in rss_mb.items())
    assert growth < MAX_GROWTH_MB, f"RSS grew {growth:.1f} MB after article 300 (MB by n: {trace})"


@pytest.mark.slow
def test_worker_processes_code_the_same_records_in_the_same_order() -> None:
    gen = load_generator()
    articles = [Article(text=a["text"], published="2022-11-20")
                for a in gen.generate_articles(12, WORDS, seed=3)]
    # Articles with no sentence worth parsing still come out, in their place.
    articles[4:4] = [Article(text="Snow fell overnight.", published="2022-11-20")]
    articles.append(Article(text="", published="2022-11-20"))

    def coded(processes: int) -> list[tuple[str, list[dict]]]:
        pipeline = Pipeline(Settings(processes=processes))
        return [(article.id, [e.to_dict() for e in events])
                for article, events in pipeline.process_many(articles)]

    one = coded(1)
    assert [article_id for article_id, _ in one] == [a.id for a in articles]
    assert sum(len(events) for _, events in one) > len(articles)
    assert coded(2) == one


def test_a_pipeline_sent_to_a_spawned_worker_leaves_its_loaded_models_behind() -> None:
    pipeline = Pipeline(Settings(processes=2))
    assert pipeline.lexicon is not None  # loaded, so cached on the instance
    copy = pickle.loads(pickle.dumps(pipeline))
    assert "lexicon" in vars(pipeline) and "lexicon" not in vars(copy)
    assert copy.settings == pipeline.settings
    assert [s.__name__ for s in copy.steps] == [s.__name__ for s in pipeline.steps]


def test_worker_processes_fork_after_every_table_read_on_first_use_is_read() -> None:
    """The city table and the respelling tables are read lazily; read in the parent before the
    workers fork, they are shared instead of read again (and held twice) by each worker."""
    from eventwire.resolve import actors

    pipeline = Pipeline(Settings(processes=2))
    actors._city_countries.cache_clear()
    pipeline.places._skeleton = None
    coded = list(pipeline.process_many([Article(text="Gunmen killed two police officers in "
                                                     "Shanghai on Monday.")]))
    assert len(coded) == 1
    assert actors._city_countries.cache_info().currsize == 1
    assert pipeline.places._skeleton is not None
