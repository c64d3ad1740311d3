"""Throughput: eventwire end to end against a bare spaCy parse of the same texts.

Generates N synthetic articles (benchmarks/generate_corpus.py), writes them to a temporary JSONL
and reads them back with `read_articles`, so every run codes exactly the same Articles. After a
warm-up (models, dictionary and gazetteer loaded, caches primed) it measures, in one process:

    bare parse    nlp.pipe over the full article texts, same loaded model, same n_process
    end to end    read_articles -> Pipeline.process_many -> Store.add_many into a fresh DuckDB,
                  in transactions of `Settings.batch_size` articles -> Store.link (incidents),
                  which is what `eventwire ingest` does
    extract only  the time spent inside ingest + Pipeline.process_many during the end-to-end run

Each measurement is the best of `--repeats` runs. Targets: >= 25 articles/s end to end and
end-to-end time <= 1.3 x the bare parse.

    python benchmarks/throughput.py                         # 300 articles of ~600 words
    python benchmarks/throughput.py --n 100 --json out.json --profile
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.util
import io
import json
import pstats
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from types import ModuleType

from eventwire.config import Settings
from eventwire.errors import IngestError
from eventwire.ingest import read_articles
from eventwire.model import Article, Event
from eventwire.pipeline import Pipeline
from eventwire.store import Store

TARGET_ARTICLES_PER_S = 25.0
TARGET_RATIO = 1.3
WARM_UP_ARTICLES = 5


def load_generator() -> ModuleType:
    """generate_corpus.py sits beside this file and is not part of the package."""
    path = Path(__file__).resolve().with_name("generate_corpus.py")
    spec = importlib.util.spec_from_file_location("generate_corpus", path)
    module = importlib.util.module_from_spec(spec)
    # dataclasses resolve annotations through sys.modules, so register before executing.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@dataclass
class Result:
    articles: int
    words: int
    processes: int
    repeats: int
    events: int
    bare_parse_s: float
    extract_s: float
    end_to_end_s: float

    @property
    def ratio(self) -> float:
        return self.end_to_end_s / self.bare_parse_s

    def rate(self, seconds: float) -> float:
        return self.articles / seconds

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = asdict(self)
        data.update(
            bare_parse_articles_per_s=round(self.rate(self.bare_parse_s), 2),
            extract_articles_per_s=round(self.rate(self.extract_s), 2),
            end_to_end_articles_per_s=round(self.rate(self.end_to_end_s), 2),
            extract_ratio=round(self.extract_s / self.bare_parse_s, 3),
            end_to_end_ratio=round(self.ratio, 3),
            target_articles_per_s=TARGET_ARTICLES_PER_S, target_ratio=TARGET_RATIO,
            rate_pass=self.rate(self.end_to_end_s) >= TARGET_ARTICLES_PER_S,
            ratio_pass=self.ratio <= TARGET_RATIO,
        )
        return data


class Feed:
    """Times what the store waits on: reading the articles and coding them."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def wrap(self, items: Iterable[tuple[Article, list[Event]]]
             ) -> Iterator[tuple[Article, list[Event]]]:
        iterator = iter(items)
        while True:
            start = time.perf_counter()
            try:
                item = next(iterator)
            except StopIteration:
                self.seconds += time.perf_counter() - start
                return
            self.seconds += time.perf_counter() - start
            yield item


def ingest(path: Path) -> Iterator[Article]:
    for item in read_articles([path]):
        if isinstance(item, IngestError):
            raise item
        yield item


def bare_parse(pipeline: Pipeline, texts: list[str], processes: int) -> float:
    start = time.perf_counter()
    # Docs are dropped as they come, as the pipeline drops them after coding.
    deque(pipeline.nlp.pipe(texts, n_process=processes), maxlen=0)
    return time.perf_counter() - start


def end_to_end(pipeline: Pipeline, corpus: Path, scratch: Path,
               run: int) -> tuple[float, float, int]:
    """(total s, s inside ingest + coding, events stored), into a fresh store."""
    feed = Feed()
    start = time.perf_counter()
    with Store(scratch / f"run{run}.duckdb") as store:
        added = store.add_many(feed.wrap(pipeline.process_many(ingest(corpus))),
                               batch_size=pipeline.settings.batch_size)
        store.link()
        events = store.stats()["events"]
    total = time.perf_counter() - start
    if added == 0:
        raise RuntimeError("the store took no articles")
    return total, feed.seconds, events


def best_of(repeats: int, measure: Callable[[int], tuple]) -> tuple:
    return min((measure(run) for run in range(repeats)), key=lambda result: result[0])


def measure(n: int, words: int, processes: int, repeats: int, seed: int,
            batch_size: int) -> Result:
    generator = load_generator()
    pipeline = Pipeline(Settings(processes=processes, batch_size=batch_size))
    with tempfile.TemporaryDirectory(prefix="eventwire-bench-") as tmp:
        scratch = Path(tmp)
        corpus = scratch / "corpus.jsonl"
        generator.write_jsonl(generator.generate_articles(n, words, seed), corpus)
        texts = [article.text for article in ingest(corpus)]
        warm = scratch / "warm.jsonl"
        # Another seed, so warm-up articles are not stored before the timed runs.
        generator.write_jsonl(generator.generate_articles(WARM_UP_ARTICLES, words, seed + 1), warm)
        with Store(scratch / "warm.duckdb") as store:
            store.add_many(Feed().wrap(pipeline.process_many(ingest(warm))))
        bare_parse(pipeline, texts[:WARM_UP_ARTICLES], 1)

        bare = min(bare_parse(pipeline, texts, processes) for _ in range(repeats))
        total, extract, events = best_of(repeats,
                                         lambda run: end_to_end(pipeline, corpus, scratch, run))
    return Result(articles=n, words=words, processes=processes, repeats=repeats, events=events,
                  bare_parse_s=bare, extract_s=extract,
                  end_to_end_s=total)


def report(result: Result) -> str:
    def verdict(ok: bool) -> str:
        return "PASS" if ok else "MISS"

    rate = result.rate(result.end_to_end_s)
    rows = [
        ("bare parse (nlp.pipe, full texts)", result.bare_parse_s, "", ""),
        ("eventwire extract only", result.extract_s,
         f"{result.extract_s / result.bare_parse_s:.2f}", ""),
        ("eventwire end to end (+ store, link)", result.end_to_end_s, f"{result.ratio:.2f}",
         f"{verdict(rate >= TARGET_ARTICLES_PER_S)} rate, {verdict(result.ratio <= TARGET_RATIO)}"
         " ratio"),
    ]
    lines = [
        f"{result.articles} articles x ~{result.words} words, processes={result.processes}, "
        f"best of {result.repeats}; {result.events} events stored",
        f"{'measurement':<36} {'seconds':>8} {'articles/s':>11} {'x bare':>7}  verdict",
    ]
    for name, seconds, ratio, verdict_text in rows:
        lines.append(f"{name:<36} {seconds:>8.2f} {result.rate(seconds):>11.1f} {ratio:>7}  "
                     f"{verdict_text}")
    lines.append(f"targets: >= {TARGET_ARTICLES_PER_S:g} articles/s end to end; "
                 f"end to end <= {TARGET_RATIO:g} x bare parse")
    return "\n".join(lines)


def profile(n: int, words: int, seed: int, top: int = 15) -> str:
    """cProfile of extraction alone (models loaded first), top functions by cumulative time."""
    generator = load_generator()
    pipeline = Pipeline()
    with tempfile.TemporaryDirectory(prefix="eventwire-profile-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        generator.write_jsonl(generator.generate_articles(n, words, seed), corpus)
        articles = list(ingest(corpus))
    deque(pipeline.process_many(articles[:WARM_UP_ARTICLES]), maxlen=0)
    profiler = cProfile.Profile()
    profiler.enable()
    deque(pipeline.process_many(articles), maxlen=0)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=300, help="number of articles")
    parser.add_argument("--words", type=int, default=600, help="approximate words per article")
    parser.add_argument("--processes", type=int, default=1, help="spaCy parse processes")
    parser.add_argument("--batch-size", type=int, default=Settings().batch_size,
                        help="articles per store transaction (as `eventwire ingest`)")
    parser.add_argument("--repeats", type=int, default=2, help="runs per measurement (best)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the numbers to this file")
    parser.add_argument("--profile", action="store_true",
                        help="then profile extraction on the same articles (top 15 cumulative)")
    args = parser.parse_args(argv)
    if min(args.n, args.words, args.processes, args.repeats, args.batch_size) < 1:
        parser.error("--n, --words, --processes, --batch-size and --repeats must be >= 1")
    result = measure(args.n, args.words, args.processes, args.repeats, args.seed,
                     args.batch_size)
    print(report(result))
    if args.json:
        args.json.write_text(json.dumps(result.as_json(), indent=2) + "\n", encoding="utf-8")
    if args.profile:
        print(profile(args.n, args.words, args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
