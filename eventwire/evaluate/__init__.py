"""Scoring eventwire against labelled gold data, one suite per corpus format.

Each suite module registers a function `run(path) -> SuiteResult` under its suite name with the
`suite` decorator; `eventwire evaluate SUITE FILE` looks it up in `SUITES`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

Row = list[str | int | float | None]


@dataclass
class SuiteResult:
    suite: str
    path: str
    items: int
    metrics: dict[str, float | None]
    # Extra tables to print, e.g. a confusion table: name -> (header, rows).
    tables: dict[str, tuple[list[str], list[Row]]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


SuiteRunner = Callable[[Path], SuiteResult]
SUITES: dict[str, SuiteRunner] = {}


def suite(name: str) -> Callable[[SuiteRunner], SuiteRunner]:
    def register(func: SuiteRunner) -> SuiteRunner:
        SUITES[name] = func
        return func

    return register
