"""The bounded memo behind the resolvers' repeated lookups."""

from __future__ import annotations

from eventwire.memo import BoundedMemo


def test_an_answer_is_computed_once_and_all_are_forgotten_at_the_limit() -> None:
    asked: list[str] = []

    def shout(word: str) -> str:
        asked.append(word)
        return word.upper()

    memo = BoundedMemo(shout, limit=2)
    assert [memo("a"), memo("a"), memo("b")] == ["A", "A", "B"]
    assert asked == ["a", "b"]
    assert memo("c") == "C"  # the memo was full: it starts again
    assert len(memo) == 1
    assert memo("a") == "A"
    assert asked == ["a", "b", "c", "a"]


def test_none_is_remembered_like_any_answer() -> None:
    asked: list[str] = []

    def nothing(word: str) -> None:
        asked.append(word)

    memo = BoundedMemo(nothing, limit=10)
    memo("x")
    memo("x")
    assert asked == ["x"]
