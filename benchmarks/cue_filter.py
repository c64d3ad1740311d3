"""What the cue filter costs in events: the pipeline as shipped against one that parses every
sentence, on the same articles.

The filter parses only sentences holding the words some trigger pattern needs, which can only
skip sentences no pattern matches; what it can lose is context the skipped sentences gave (a
pronoun's antecedent, a place named earlier). This counts it.

    python benchmarks/cue_filter.py                               # 100 generated articles
    python benchmarks/cue_filter.py --gold ../shared/gold/geo_lgl.dev.jsonl --n-gold 120
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from throughput import load_generator

from eventwire.model import Article, Event
from eventwire.pipeline import Pipeline
from eventwire.text.segment import split_sentences


class EverySentence:
    """A cue filter that lets every sentence through."""

    def __call__(self, sentence: str) -> bool:
        return True


def fingerprint(event: Event) -> tuple:
    return (event.event_type, event.cameo, event.trigger.start, [a.code for a in event.actors],
            [a.code for a in event.recipients], [p.name for p in event.locations], event.date)


def articles(n_generated: int, gold: Path | None, n_gold: int) -> list[Article]:
    found = [Article(text=a["text"], published=a["published"])
             for a in load_generator().generate_articles(n_generated, 600, seed=5)]
    if gold is not None:
        with gold.open(encoding="utf-8") as lines:
            for line in list(lines)[:n_gold]:
                item = json.loads(line)
                found.append(Article(text=item["text"], published=(item.get("date") or "")[:10]
                                     or None))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100, help="generated articles")
    parser.add_argument("--gold", type=Path, help="a geo_*.jsonl file: real news texts too")
    parser.add_argument("--n-gold", type=int, default=120, help="articles read from --gold")
    args = parser.parse_args(argv)
    corpus = articles(args.n, args.gold, args.n_gold)
    filtered = Pipeline()
    everything = Pipeline()
    everything.__dict__["cue_filter"] = EverySentence()  # replaces the cached property
    sentences = [article.text[s.start:s.end] for article in corpus
                 for s in split_sentences(article.text)]
    parsed = sum(filtered.cue_filter(sentence) for sentence in sentences)
    coded = [[fingerprint(e) for e in events] for _, events in filtered.process_many(corpus)]
    full = [[fingerprint(e) for e in events] for _, events in everything.process_many(corpus)]
    differing = sum(a != b for a, b in zip(coded, full, strict=True))
    # Records of the filtered run with no identical record in the full run.
    changed = sum(len(set(map(str, a)) - set(map(str, b)))
                  for a, b in zip(coded, full, strict=True))
    print(f"{len(corpus)} articles, {len(sentences)} sentences; the filter parses {parsed} "
          f"({parsed / len(sentences):.0%})")
    print(f"events: {sum(map(len, coded))} with the filter, {sum(map(len, full))} parsing every "
          f"sentence; {changed} records in {differing} articles differ in some field")
    return 0


if __name__ == "__main__":
    sys.exit(main())
