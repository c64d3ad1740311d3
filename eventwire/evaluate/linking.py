"""The `linking` suite: are the reports of one incident linked, and only those?

The truth file (JSON) names an articles JSONL file (relative to itself), the incidents with their
dates, and mentions: (article id, a piece of one sentence) -> incident key. The real pipeline
codes the articles, an in-memory store links them (`Store.link`, default settings), and every
event coded from a labelled sentence is scored under that sentence's incident; events from
unlabelled sentences are not scored (their count is a note).

- pairwise precision/recall/F1 over pairs of scored events: same incident predicted vs true;
- B-cubed precision/recall/F1 (Bagga & Baldwin): per event, the share of its predicted incident
  that truly belongs with it, and the share of its true incident that it was linked with;
- `different_day_merges`: pairs of true incidents on different dates that share a predicted
  incident (must be 0).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Mapping
from itertools import combinations
from pathlib import Path
from typing import Any

from eventwire.errors import EvaluateError
from eventwire.evaluate import Row, SuiteResult, suite
from eventwire.evaluate.metrics import ratio
from eventwire.model import Article, Event


def f1(precision: float | None, recall: float | None) -> float | None:
    if precision is None or recall is None or precision + recall == 0:
        return None if precision is None or recall is None else 0.0
    return 2 * precision * recall / (precision + recall)


def pairwise(gold: Mapping[str, str], predicted: Mapping[str, str]) -> dict[str, float | None]:
    """Precision, recall and F1 over the pairs of items in `gold` (item -> cluster)."""
    both = same_gold = same_predicted = 0
    for a, b in combinations(sorted(gold), 2):
        g = gold[a] == gold[b]
        p = predicted[a] == predicted[b]
        same_gold += g
        same_predicted += p
        both += g and p
    precision, recall = ratio(both, same_predicted), ratio(both, same_gold)
    return {"precision": precision, "recall": recall, "f1": f1(precision, recall)}


def bcubed(gold: Mapping[str, str], predicted: Mapping[str, str]) -> dict[str, float | None]:
    """B-cubed precision, recall and F1 over the items in `gold`."""
    by_gold: dict[str, set[str]] = defaultdict(set)
    by_predicted: dict[str, set[str]] = defaultdict(set)
    for item in gold:
        by_gold[gold[item]].add(item)
        by_predicted[predicted[item]].add(item)
    precision = recall = 0.0
    for item in gold:
        overlap = len(by_gold[gold[item]] & by_predicted[predicted[item]])
        precision += overlap / len(by_predicted[predicted[item]])
        recall += overlap / len(by_gold[gold[item]])
    p, r = ratio(precision, len(gold)), ratio(recall, len(gold))
    return {"precision": p, "recall": r, "f1": f1(p, r)}


def different_day_merges(gold: Mapping[str, str], predicted: Mapping[str, str],
                         dates: Mapping[str, str]) -> list[tuple[str, str]]:
    """Pairs of true incidents on different dates that one predicted incident holds."""
    keys: dict[str, set[str]] = defaultdict(set)
    for item, key in gold.items():
        keys[predicted[item]].add(key)
    merged = set()
    for together in keys.values():
        for a, b in combinations(sorted(together), 2):
            if dates.get(a) != dates.get(b):
                merged.add((a, b))
    return sorted(merged)


def read_truth(path: Path) -> tuple[dict[str, Any], list[Article]]:
    path = Path(path)
    if not path.is_file():
        raise EvaluateError(f"{path}: truth file not found")
    try:
        truth = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise EvaluateError(f"{path}: not JSON: {exc.msg} (line {exc.lineno})") from None
    if not isinstance(truth, dict) or not all(
            k in truth for k in ("articles", "incidents", "mentions")):
        raise EvaluateError(f"{path}: not a linking truth file (needs articles, incidents and "
                            "mentions)")
    source = path.parent / str(truth["articles"])
    if not source.is_file():
        raise EvaluateError(f"{source}: articles file not found")
    articles = []
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            articles.append(Article(text=item["text"], id=item["id"], title=item.get("title"),
                                    published=item.get("published"), source=item.get("source"),
                                    published_source="given" if item.get("published")
                                    else "none"))
        except (json.JSONDecodeError, KeyError, TypeError):
            raise EvaluateError(f"{source}:{number}: not an article line (needs id and "
                                "text)") from None
    texts = {a.id: a.text for a in articles}
    for m in truth["mentions"]:
        if m.get("incident") not in truth["incidents"]:
            raise EvaluateError(f"{path}: mention {m} names an unknown incident")
        if m.get("sentence", "") not in texts.get(m.get("article"), ""):
            raise EvaluateError(f"{path}: mention {m} is not in article {m.get('article')!r}")
    return truth, articles


def label_events(truth: dict[str, Any],
                 coded: list[tuple[Article, list[Event]]]) -> tuple[dict[str, str], int, int]:
    """Event id -> true incident for events of labelled sentences; also the count of unscored
    events and of labelled sentences the pipeline coded no event from."""
    by_article: dict[str, list[dict[str, str]]] = defaultdict(list)
    for m in truth["mentions"]:
        by_article[m["article"]].append(m)
    gold: dict[str, str] = {}
    unscored = 0
    hit: set[int] = set()
    for article, events in coded:
        for event in events:
            found = next((m for m in by_article[article.id] if m["sentence"] in event.sentence),
                         None)
            if found is None:
                unscored += 1
                continue
            gold[event.id] = found["incident"]
            hit.add(id(found))
    silent = sum(1 for m in truth["mentions"] if id(m) not in hit)
    return gold, unscored, silent


def score_corpus(path: Path, pipeline: Any = None) -> SuiteResult:
    """Code, store, link and score; `pipeline` lets callers reuse a loaded Pipeline."""
    from eventwire.pipeline import Pipeline
    from eventwire.store import Store

    truth, articles = read_truth(path)
    pipeline = pipeline or Pipeline()
    coded = list(pipeline.process_many(articles))
    with Store(":memory:") as store:
        store.add_many(coded)
        store.link()
        predicted = {e.id: store.incident_id_of(e.id) or e.id for _, events in coded
                     for e in events}
    gold, unscored, silent = label_events(truth, coded)
    predicted = {e: predicted[e] for e in gold}
    dates = {k: v.get("date") for k, v in truth["incidents"].items()}
    pairs, cubed = pairwise(gold, predicted), bcubed(gold, predicted)
    merges = different_day_merges(gold, predicted, dates)
    per_incident: list[Row] = []
    for key in truth["incidents"]:
        items = [e for e, k in gold.items() if k == key]
        split = Counter(predicted[e] for e in items)
        per_incident.append([key, dates[key], len(items), len(split),
                             split.most_common(1)[0][1] if split else 0])
    return SuiteResult(
        suite="linking", path=str(path), items=len(gold),
        metrics={"pairwise_precision": pairs["precision"], "pairwise_recall": pairs["recall"],
                 "pairwise_f1": pairs["f1"], "bcubed_precision": cubed["precision"],
                 "bcubed_recall": cubed["recall"], "bcubed_f1": cubed["f1"],
                 "different_day_merges": len(merges), "true_incidents": len(truth["incidents"]),
                 "predicted_incidents": len(set(predicted.values()))},
        tables={"per true incident": (
            ["incident", "date", "events", "predicted incidents", "largest part"],
            per_incident)},
        notes=[f"{len(articles)} articles; {len(gold)} events from labelled sentences scored, "
               f"{unscored} from other sentences not scored",
               f"{silent} of {len(truth['mentions'])} labelled sentences gave no event",
               *(f"different-day merge: {a} + {b}" for a, b in merges)],
    )


@suite("linking")
def run(path: Path) -> SuiteResult:
    return score_corpus(path)
