"""The bundled samples and their hand-coded expectations stay consistent with each other."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from eventwire.model import EVENT_TYPES

ROOT = Path(__file__).resolve().parents[1]
EXPECTATIONS = json.loads((ROOT / "tests/data/sample_expectations.json").read_text("utf-8"))
CAMEO_TABLE = Path("/work/shared/codebooks/CAMEO2PLOVER-2021.txt")
SAMPLE_KEYS = sorted(EXPECTATIONS)

MODALITIES = {"actual", "negated", "hypothetical", "future", "historical"}
PRECISIONS = {"day", "month", "year", "range"}
CODE = re.compile(r"^(UNK|[A-Z]{3}( [A-Z]{3})?)$")


def split_sample(path: Path) -> tuple[dict[str, str], str]:
    header_text, _, body = path.read_text("utf-8").partition("\n\n")
    header = dict(line.split(": ", 1) for line in header_text.splitlines())
    return header, body


def paragraph_with(body: str, needle: str) -> str:
    return next(p for p in body.split("\n\n") if needle in p)


def test_every_sample_file_has_expectations() -> None:
    on_disk = sorted(f"samples/{p.name}" for p in (ROOT / "samples").glob("*.txt"))
    assert on_disk == SAMPLE_KEYS
    assert len(on_disk) == 6


@pytest.mark.parametrize("key", SAMPLE_KEYS)
def test_sample_header_and_length(key: str) -> None:
    header, body = split_sample(ROOT / key)
    article = EXPECTATIONS[key]["article"]
    assert header["Title"] == article["title"]
    assert header["Source"] == article["source"]
    assert header["URL"].startswith("https://example.org/")
    if article["published_source"] == "given":
        assert header["Published"] == article["published"]
    else:
        assert "Published" not in header
    kept = body
    for line in article.get("dropped_lines", []):
        assert line in body
        kept = kept.replace(line, "")
    assert 120 <= len(kept.split()) <= 350


@pytest.mark.parametrize("key", SAMPLE_KEYS)
def test_expected_events_are_well_formed_and_found_in_text(key: str) -> None:
    _, body = split_sample(ROOT / key)
    expected = EXPECTATIONS[key]
    assert 2 <= len(expected["events"]) <= 6
    for event in expected["events"]:
        assert event["event_type"] in EVENT_TYPES
        assert event["modality"] in MODALITIES
        assert event["attribution"] in {"asserted", "claimed"}
        assert (event["attribution"] == "claimed") == (event["claimed_by"] is not None)
        assert event["date_precision"] in PRECISIONS
        start = dt.date.fromisoformat(event["date"])
        if event["date_precision"] == "range":
            assert dt.date.fromisoformat(event["date_end"]) > start
        for code in [*event["actor"], *event["recipient"]]:
            assert CODE.match(code), code
        assert event["actor"], "every expected event names its actor (UNK when unknown)"
        assert event["why"].strip()
        paragraph = paragraph_with(body, event["sentence_contains"])
        assert event["trigger"] in paragraph
        if event["location"]:
            assert isinstance(event["location"]["geonameid"], int)
    for phrase in expected["not_events"]:
        assert phrase in body


APPEAL_CODES = ("020", "021", "0211", "0212", "0213", "0214", "022", "023", "024", "025", "0253",
                "0256", "026", "027", "028")


def cameo_to_plover() -> dict[str, str]:
    table = {}
    for line in CAMEO_TABLE.read_text("utf-8").splitlines():
        match = re.match(r"^(\d{3,4}): ([A-Z]+),", line)
        if match:
            table[match.group(1)] = match.group(2)
    return table


@pytest.mark.skipif(not CAMEO_TABLE.exists(), reason="shared codebooks not available")
def test_cameo_codes_agree_with_the_conversion_table() -> None:
    # The table drops CAMEO 02 (appeal), yet PLOVER's REQUEST is "all requests, demands, and
    # orders": an appeal keeps its CAMEO code and is a REQUEST.
    table = {**cameo_to_plover(), **{code: "REQUEST" for code in APPEAL_CODES}}
    for key in SAMPLE_KEYS:
        for event in EXPECTATIONS[key]["events"]:
            if event["cameo"] is not None:
                assert table[event["cameo"]] == event["event_type"], (key, event["cameo"])
