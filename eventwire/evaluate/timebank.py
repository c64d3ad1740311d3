"""TimeBank suite: how well `find_time_expressions` finds and normalises DATE expressions.

Each item is a news document with its document creation time (`gold.dct`, the reference date)
and TIMEX3 annotations (`gold.timexes`). Only DATE timexes are scored:
- recognition: a predicted DATE expression matches a gold DATE timex when their character spans
  overlap (one-to-one, left to right); precision, recall and F1 over those matches;
- normalisation: over matched gold DATE timexes, the share whose predicted value is exactly the
  gold value string.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from eventwire.errors import EvaluateError
from eventwire.evaluate import Row, SuiteResult, suite
from eventwire.extract.dates import TimeExpression, find_time_expressions

_EXAMPLES_SHOWN = 15


def _items(path: Path) -> Iterator[dict[str, Any]]:
    if not path.is_file():
        raise EvaluateError(f"{path}: no such gold file")
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                item["gold"]["dct"], item["gold"]["timexes"], item["text"]  # noqa: B018
            except (json.JSONDecodeError, KeyError, TypeError) as error:
                raise EvaluateError(
                    f"{path}:{number}: not a TimeBank item (needs text, gold.dct, gold.timexes)"
                ) from error
            yield item


def _reference_date(dct: str) -> date:
    try:
        return date.fromisoformat(dct[:10])
    except ValueError as error:
        raise EvaluateError(f"document date {dct!r} is not an ISO date") from error


def _match(gold: list[dict[str, Any]], predicted: list[TimeExpression]
           ) -> list[tuple[dict[str, Any], TimeExpression]]:
    """Pair each gold timex with the first unused predicted expression overlapping it."""
    pairs = []
    used: set[int] = set()
    for timex in gold:
        for index, expression in enumerate(predicted):
            if index not in used and expression.start < timex["end"] and \
                    timex["start"] < expression.end:
                used.add(index)
                pairs.append((timex, expression))
                break
    return pairs


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


@suite("timebank")
def run(path: Path) -> SuiteResult:
    gold_total = predicted_total = matched = correct = items = 0
    wrong_values: Counter[tuple[str, str, str]] = Counter()
    missed: Counter[str] = Counter()
    for item in _items(path):
        items += 1
        published = _reference_date(item["gold"]["dct"])
        gold = sorted((t for t in item["gold"]["timexes"] if t.get("type") == "DATE"),
                      key=lambda t: t["start"])
        predicted = [e for e in find_time_expressions(item["text"], published)
                     if e.kind == "DATE"]
        pairs = _match(gold, predicted)
        gold_total += len(gold)
        predicted_total += len(predicted)
        matched += len(pairs)
        paired = {id(timex) for timex, _ in pairs}
        missed.update(t["text"].lower() for t in gold if id(t) not in paired)
        for timex, expression in pairs:
            if expression.value == timex["value"]:
                correct += 1
            else:
                wrong_values[(timex["text"], timex["value"], str(expression.value))] += 1
    precision = _ratio(matched, predicted_total)
    recall = _ratio(matched, gold_total)
    f1 = (2 * precision * recall / (precision + recall)
          if precision is not None and recall is not None and precision + recall else None)
    wrong_rows: list[Row] = [[text, gold_value, predicted_value, count] for
                             (text, gold_value, predicted_value), count in
                             wrong_values.most_common(_EXAMPLES_SHOWN)]
    missed_rows: list[Row] = [[text, count] for text, count in missed.most_common(_EXAMPLES_SHOWN)]
    return SuiteResult(
        suite="timebank", path=str(path), items=items,
        metrics={"timex_precision": precision, "timex_recall": recall, "timex_f1": f1,
                 "value_accuracy": _ratio(correct, matched), "gold_dates": gold_total,
                 "predicted_dates": predicted_total, "matched_dates": matched},
        tables={"wrong values (most common)": (["text", "gold", "predicted", "n"], wrong_rows),
                "missed gold DATE timexes": (["text", "n"], missed_rows)},
        notes=["DATE timexes only; spans match when they overlap; value must equal gold exactly"],
    )
