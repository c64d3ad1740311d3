"""The `conflibert-cameo` suite: CAMEO pentaclass per sentence, with source/target actor spans.

Each sentence is coded alone and compared through its primary event (`metrics.primary_event`).
The pentaclass comes from that event's CAMEO root: 01-02 -> 0 make statement, 03-05 -> 1 verbal
cooperation, 06-08 -> 2 material cooperation, 09-13 and 16 -> 3 verbal conflict, 14, 15 and 17-20
-> 4 material conflict. A sentence with no event is predicted 0 (make statement): the corpus
labels every sentence, and a sentence with no coded action is most often a plain statement.

`actor_span_f1` is micro token-overlap F1: gold tokens are those inside `actor_spans` (keyed by
role; a reciprocal span's tokens match either role), predicted tokens those whose characters
overlap the primary event's actors (source) or recipients (target). The text is not always the
tokens joined by spaces, so tokens are located in the text left to right.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eventwire.errors import EvaluateError
from eventwire.evaluate import SuiteResult, suite
from eventwire.evaluate.metrics import (
    accuracy,
    class_table,
    code_texts,
    confusion_table,
    f1_score,
    macro_f1,
    per_class,
    primary_event,
    ratio,
    read_gold,
)
from eventwire.model import Event

PENTACLASS_NAMES = {0: "MAKE_STATEMENT", 1: "VERBAL_COOPERATION", 2: "MATERIAL_COOPERATION",
                    3: "VERBAL_CONFLICT", 4: "MATERIAL_CONFLICT"}
_ROOT_CLASS = {1: 0, 2: 0, 3: 1, 4: 1, 5: 1, 6: 2, 7: 2, 8: 2, 9: 3, 10: 3, 11: 3, 12: 3,
               13: 3, 16: 3, 14: 4, 15: 4, 17: 4, 18: 4, 19: 4, 20: 4}
_QUAD_CLASS = {1: 1, 2: 2, 3: 3, 4: 4}  # PLOVER quad -> pentaclass, for events without CAMEO


def pentaclass(event: Event | None) -> int:
    if event is None:
        return 0
    if event.cameo and event.cameo[:2].isdigit() and int(event.cameo[:2]) in _ROOT_CLASS:
        return _ROOT_CLASS[int(event.cameo[:2])]
    return _QUAD_CLASS.get(event.quad_class or 0, 0)


def token_offsets(text: str, tokens: list[str]) -> list[tuple[int, int] | None]:
    """Character span of each token, found in order; None where the text spells it otherwise."""
    spans: list[tuple[int, int] | None] = []
    position = 0
    for token in tokens:
        start = text.find(token, position)
        # A token far ahead is a spelling mismatch (quotes, brackets), not this token.
        if start < 0 or text[position:start].strip():
            spans.append(None)
            continue
        spans.append((start, start + len(token)))
        position = start + len(token)
    return spans


def gold_token_roles(spans: list[dict[str, Any]]) -> dict[int, set[str]]:
    roles: dict[int, set[str]] = {}
    for span in spans:
        allowed = {"source", "target"} if span["role"] == "reciprocal" else {span["role"]}
        for index in range(span["tok_start"], span["tok_end"]):
            roles.setdefault(index, set()).update(allowed)
    return roles


def predicted_token_roles(event: Event | None, offsets: list[tuple[int, int] | None]
                          ) -> set[tuple[str, int]]:
    if event is None:
        return set()
    found = set()
    for role, actors in (("source", event.actors), ("target", event.recipients)):
        for actor in actors:
            found.update((role, index) for index, span in enumerate(offsets)
                         if span and span[0] < actor.end and actor.start < span[1])
    return found


@suite("conflibert-cameo")
def run(path: Path) -> SuiteResult:
    items = read_gold(path, ("pentaclass", "actor_spans"), "ConfliBERT CAMEO")
    for item in items:
        if not isinstance(item.get("tokens"), list):
            raise EvaluateError(f"{path}: item {item.get('id', '?')} has no tokens list")
    coded = code_texts([i["text"] for i in items])
    gold: list[int] = []
    predicted: list[int] = []
    matched_gold = matched_predicted = gold_tokens = predicted_tokens = 0
    for item, events in zip(items, coded, strict=True):
        event = primary_event(events)
        gold.append(int(item["gold"]["pentaclass"]))
        predicted.append(pentaclass(event))
        wanted = gold_token_roles(item["gold"]["actor_spans"])
        found = predicted_token_roles(event, token_offsets(item["text"], item["tokens"]))
        gold_tokens += len(wanted)
        predicted_tokens += len(found)
        matched_predicted += sum(role in wanted.get(index, ()) for role, index in found)
        matched_gold += sum(any((role, index) in found for role in roles)
                            for index, roles in wanted.items())
    gold_names = [PENTACLASS_NAMES[g] for g in gold]
    predicted_names = [PENTACLASS_NAMES[p] for p in predicted]
    scores = per_class(gold_names, predicted_names, PENTACLASS_NAMES.values())
    precision = ratio(matched_predicted, predicted_tokens)
    recall = ratio(matched_gold, gold_tokens)
    edited = sum(bool((i.get("meta") or {}).get("plover_gsr_id")) for i in items)
    return SuiteResult(
        suite="conflibert-cameo", path=str(path), items=len(items),
        metrics={"accuracy": accuracy(gold, predicted), "macro_f1": macro_f1(scores),
                 "actor_span_f1": f1_score(precision or 0.0, recall or 0.0)
                 if precision is not None or recall is not None else None,
                 "actor_span_precision": precision, "actor_span_recall": recall,
                 "no_event_items": float(sum(not e for e in coded))},
        tables={"per class": class_table(scores),
                "confusion (gold x predicted)": confusion_table(
                    gold_names, predicted_names, list(PENTACLASS_NAMES.values()))},
        notes=[f"{edited} items are edited copies of PLOVER GSR sentences (meta.plover_gsr_id)",
               "a sentence with no coded event is predicted 0 (make statement)",
               "pentaclass from the primary event's CAMEO root"],
    )
