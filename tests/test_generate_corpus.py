"""The synthetic corpus generator is deterministic, sized as asked, and writes readable output."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import random
import sys
from pathlib import Path
from types import ModuleType

import pytest

GENERATOR_PATH = Path(__file__).resolve().parents[1] / "benchmarks" / "generate_corpus.py"


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_corpus", GENERATOR_PATH)
    module = importlib.util.module_from_spec(spec)
    # dataclasses resolve annotations through sys.modules, so register before executing.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


gen = load_generator()


def test_same_seed_gives_the_same_corpus_and_other_seeds_differ() -> None:
    first = list(gen.generate_articles(5, 300, seed=7))
    again = list(gen.generate_articles(5, 300, seed=7))
    other = list(gen.generate_articles(5, 300, seed=8))
    assert first == again
    assert [a["text"] for a in first] != [a["text"] for a in other]


def test_an_article_does_not_depend_on_corpus_size() -> None:
    assert list(gen.generate_articles(3, 200, 1)) == list(gen.generate_articles(10, 200, 1))[:3]


def test_articles_have_the_promised_fields() -> None:
    articles = list(gen.generate_articles(40, 150, seed=2))
    assert len({a["id"] for a in articles}) == 40
    for article in articles:
        assert set(article) == {"id", "title", "published", "source", "text"}
        published = dt.date.fromisoformat(article["published"])
        assert dt.date(2020, 1, 1) <= published <= dt.date(2022, 12, 31)
        assert article["source"] in gen.SOURCES
        assert article["title"] and "{" not in article["title"]
        assert "{" not in article["text"] and "}" not in article["text"]


@pytest.mark.parametrize("words", [600, 200])
def test_word_counts_are_near_the_target(words: int) -> None:
    counts = [len(a["text"].split()) for a in gen.generate_articles(30, words, seed=3)]
    # The dateline and credit add a few words; one sentence at most overshoots the budget.
    assert all(words <= count <= words + 60 for count in counts), counts


def test_most_sentences_are_filler_as_in_real_news() -> None:
    rng = random.Random(4)
    kinds = []
    for _ in range(50):
        _, pairs = gen.compose_sentences(rng, dt.date(2021, 11, 17), 600)
        assert pairs[0][0] == "event"
        kinds.extend(kind for kind, _ in pairs)
    filler_share = kinds.count("filler") / len(kinds)
    assert 0.5 <= filler_share <= 0.7


def test_relative_dates_point_before_publication() -> None:
    rng = random.Random(5)
    published = dt.date(2021, 11, 17)  # a Wednesday
    phrases = {gen.relative_date_phrase(rng, published) for _ in range(300)}
    assert "on Wednesday" not in phrases  # the publication day itself is never "on Wednesday"
    assert {"yesterday", "on Tuesday", "on November 5"} <= phrases


def test_jsonl_output_parses_back_to_the_generated_articles(tmp_path: Path) -> None:
    out = tmp_path / "corpus.jsonl"
    assert gen.main(["--out", str(out), "--n", "7", "--words", "100", "--seed", "3"]) == 0
    lines = out.read_text("utf-8").splitlines()
    assert [json.loads(line) for line in lines] == list(gen.generate_articles(7, 100, 3))


def test_directory_output_uses_the_sample_header_format(tmp_path: Path) -> None:
    assert gen.main(["--out", str(tmp_path / "corpus"), "--n", "4", "--words", "80"]) == 0
    files = sorted((tmp_path / "corpus").glob("*.txt"))
    assert len(files) == 4
    header, _, body = files[0].read_text("utf-8").partition("\n\n")
    keys = [line.split(": ", 1)[0] for line in header.splitlines()]
    assert keys == ["Title", "Published", "Source", "URL"]
    assert len(body.split()) >= 80
