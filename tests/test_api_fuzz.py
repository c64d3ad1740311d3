"""Schema-driven fuzzing of the JSON API (schemathesis, in process): whatever the OpenAPI
description allows, or nearly allows, the API answers without a 5xx and as it documents."""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from eventwire.api import create_app
from eventwire.config import Settings
from eventwire.ingest import read_articles
from eventwire.model import Article
from eventwire.store import Store

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
KEY = "fuzz-key"

# The schema is read when the module is collected, so the app exists then: over an in-memory
# store (cheap to open), filled by the fixture below before any case runs. The fuzzer's client
# is not on localhost, so every write also passes the API key check.
STORE = Store(":memory:")
APP = create_app(STORE, Settings(db_path=":memory:", max_file_bytes=64 * 1024), api_key=KEY)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def stored_sample() -> None:
    desk = APP.state.desk
    desk.ingest(a for a in read_articles([str(ROOT / "samples" / "c_border_clash.txt")])
                if isinstance(a, Article))


@schema.parametrize()
@settings(max_examples=50, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_api_never_fails_and_matches_its_schema(case: schemathesis.Case) -> None:
    # Every check but "schema-valid request accepted": the API refuses, with its own one-line
    # messages, inputs that JSON Schema cannot easily rule out (whitespace-only or binary
    # article text, an ingest request with nothing in it).
    case.call_and_validate(headers={"X-API-Key": KEY},
                           excluded_checks=[schemathesis.checks.positive_data_acceptance])
