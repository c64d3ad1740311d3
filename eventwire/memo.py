"""A bounded memo for the resolvers' pure lookups.

A corpus asks the same few questions over and over ("the ministry", "Azerbaijan", a place name
in every paragraph), and each answer never changes. Keeping every answer would grow without
bound on a long ingest, so the memo forgets all of them at once when it holds `limit`: cheaper
than tracking recency, and the common questions are asked again soon after.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class BoundedMemo(Generic[K, V]):
    """`compute(key)`, remembered for the next call with the same key."""

    def __init__(self, compute: Callable[[K], V], limit: int) -> None:
        self._compute = compute
        self._limit = limit
        self._answers: dict[K, V] = {}

    def __call__(self, key: K) -> V:
        try:
            return self._answers[key]
        except KeyError:
            if len(self._answers) >= self._limit:
                self._answers.clear()
            answer = self._answers[key] = self._compute(key)
            return answer

    def __len__(self) -> int:
        return len(self._answers)
