"""Scoring helpers shared by the event suites: reading gold JSONL, coding texts, class metrics.

Class metrics take parallel gold/predicted label lists; a predicted label of None means "no
prediction" and is wrong for every gold label. Averages run over the given labels that occur in
gold or predictions (a label absent from both has no defined F1 and would only drag a small slice's
average to zero); on a full gold file every label occurs, so this is the usual macro average.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.errors import EvaluateError
from eventwire.evaluate import Row
from eventwire.model import Article, Event

Label = Hashable
NO_PREDICTION = "none"


def read_items(path: Path | str, well_formed: Callable[[Any], bool],
               expected: str) -> list[dict[str, Any]]:
    """The items of a gold JSONL file, each checked by `well_formed`; a bad line is an
    EvaluateError naming the file, the line and what was `expected` there."""
    path = Path(path)  # callers may pass the command line's string
    if not path.is_file():
        raise EvaluateError(f"{path}: gold file not found")
    items = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvaluateError(f"{path}:{number}: not JSON: {exc.msg}") from exc
            if not well_formed(item):
                raise EvaluateError(f"{path}:{number}: {expected}")
            items.append(item)
    if not items:
        raise EvaluateError(f"{path}: no items")
    return items


def read_gold(path: Path | str, fields: Sequence[str], what: str) -> list[dict[str, Any]]:
    """The items of a gold JSONL file; each must have `text` and the named `gold` fields."""
    def well_formed(item: Any) -> bool:
        gold = item.get("gold") if isinstance(item, dict) else None
        return isinstance(gold, dict) and isinstance(item.get("text"), str) and all(
            f in gold for f in fields)

    return read_items(path, well_formed, f"not a {what} item (needs text and "
                                         f"gold.{', gold.'.join(fields)})")


def code_texts(texts: Sequence[str], published: str = "2020-01-01") -> list[list[Event]]:
    """Run the default pipeline over each text, batched (one model load per suite run)."""
    from eventwire.pipeline import Pipeline

    pipeline = Pipeline()
    articles = [Article(text=text, published=published, published_source="given")
                for text in texts]
    return [events for _, events in pipeline.process_many(articles)]


def primary_event(events: Sequence[Event]) -> Event | None:
    """The event a single-label gold item is compared with.

    The first event (pipeline order) that is not negated and is not a statement the pipeline
    derived from a claimant's reported speech; those statements restate another event of the
    same sentence, which is the one a sentence-level label describes. Failing that, the first
    event; None when there is none.
    """
    for event in events:
        if event.modality != "negated" and not event.statement_of:
            return event
    return events[0] if events else None


def ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


def f1_score(precision: float | None, recall: float | None) -> float | None:
    if precision is None or recall is None:
        return None
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass
class ClassScore:
    precision: float
    recall: float
    f1: float
    support: int  # gold items of the class
    predicted: int


def accuracy(gold: Sequence[Label], predicted: Sequence[Label | None]) -> float | None:
    return ratio(sum(g == p for g, p in zip(gold, predicted, strict=True)), len(gold))


def per_class(gold: Sequence[Label], predicted: Sequence[Label | None],
              labels: Iterable[Label]) -> dict[Label, ClassScore]:
    """Precision, recall and F1 of each label that occurs in gold or predictions."""
    pairs = list(zip(gold, predicted, strict=True))
    support = Counter(gold)
    made = Counter(p for p in predicted if p is not None)
    hits = Counter(g for g, p in pairs if g == p)
    scores = {}
    for label in labels:
        if not support[label] and not made[label]:
            continue
        precision = hits[label] / made[label] if made[label] else 0.0
        recall = hits[label] / support[label] if support[label] else 0.0
        scores[label] = ClassScore(precision, recall, f1_score(precision, recall) or 0.0,
                                   support[label], made[label])
    return scores


def macro_f1(scores: dict[Label, ClassScore]) -> float | None:
    return ratio(sum(s.f1 for s in scores.values()), len(scores))


def weighted_f1(scores: dict[Label, ClassScore]) -> float | None:
    """F1 averaged with each label weighted by its gold support."""
    return ratio(sum(s.f1 * s.support for s in scores.values()),
                 sum(s.support for s in scores.values()))


def class_table(scores: dict[Label, ClassScore]) -> tuple[list[str], list[Row]]:
    rows: list[Row] = [[str(label), round(s.precision, 3), round(s.recall, 3), round(s.f1, 3),
                        s.support, s.predicted] for label, s in scores.items()]
    return ["label", "precision", "recall", "f1", "gold", "predicted"], rows


def confusion_table(gold: Sequence[Label], predicted: Sequence[Label | None],
                    labels: Sequence[Label]) -> tuple[list[str], list[Row]]:
    """Counts with gold labels as rows and predicted labels as columns.

    A "none" column counts items with no prediction, where there are any.
    """
    counts = Counter(zip(gold, predicted, strict=True))
    columns: list[Label | None] = [*labels, None] if None in predicted else list(labels)
    header = ["gold \\ predicted", *(str(c) for c in labels)]
    if None in predicted:
        header.append(NO_PREDICTION)
    rows: list[Row] = [[str(g), *(counts[(g, c)] for c in columns)] for g in labels
                       if any(counts[(g, c)] for c in columns)]
    return header, rows


@dataclass
class SetMatch:
    """Micro precision/recall/F1 of items' predicted multisets against their gold multisets."""

    matched_predicted: float = 0
    matched_gold: float = 0
    predicted: int = 0
    gold: int = 0

    def add(self, gold: Iterable[Hashable], predicted: Iterable[Hashable]) -> None:
        gold_count, predicted_count = Counter(gold), Counter(predicted)
        common = sum((gold_count & predicted_count).values())
        self.matched_gold += common
        self.matched_predicted += common
        self.gold += sum(gold_count.values())
        self.predicted += sum(predicted_count.values())

    @property
    def precision(self) -> float | None:
        return ratio(self.matched_predicted, self.predicted)

    @property
    def recall(self) -> float | None:
        return ratio(self.matched_gold, self.gold)

    @property
    def f1(self) -> float | None:
        precision, recall = self.precision, self.recall
        if precision is None and recall is None:
            return None
        return f1_score(precision or 0.0, recall or 0.0)
