"""The JSON API in process (Starlette's TestClient) over a store coded from samples/."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.config import Settings
from eventwire.ingest import read_articles
from eventwire.model import Article
from eventwire.pipeline import Pipeline
from eventwire.store import EventFilter, Store

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
LOCAL = ("127.0.0.1", 40000)
REMOTE = ("203.0.113.7", 40000)
ARTICLE = {"title": "Border shelling", "published": "2021-11-20", "source": "Test Wire",
           "text": "Azerbaijani forces shelled Armenian positions near the village of Sotk on "
                   "Friday, killing two soldiers, the Armenian Defense Ministry said."}


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Iterator[Store]:
    with Store(tmp_path_factory.mktemp("api") / "samples.duckdb") as opened:
        articles = [a for a in read_articles([str(ROOT / "samples")]) if isinstance(a, Article)]
        opened.add_many(pipeline.process_many(articles))
        opened.link()
        yield opened


@pytest.fixture(scope="module")
def client(store: Store, pipeline: Pipeline) -> Iterator[TestClient]:
    app = create_app(store, pipeline=pipeline)
    with TestClient(app, client=LOCAL) as test_client:
        yield test_client


def writer(tmp_path: Path, pipeline: Pipeline, *, client: tuple[str, int] = LOCAL,
           api_key: str | None = None, max_bytes: int | None = None) -> TestClient:
    """A client over a fresh empty store, for tests that write."""
    store = Store(tmp_path / "fresh.duckdb")
    settings = Settings(db_path=store.path)
    if max_bytes is not None:
        settings.max_file_bytes = max_bytes
    app = create_app(store, settings, api_key=api_key, pipeline=pipeline)
    return TestClient(app, client=client)


def assert_error(response, status: int, *, code: str | None = None,
                 mentions: str = "") -> dict:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["status"] == status
    assert error["message"] and "\n" not in error["message"]
    assert "Traceback" not in response.text
    assert mentions in error["message"]
    if code:
        assert error["code"] == code
    return error


def test_health_counts_what_the_store_holds(client: TestClient, store: Store) -> None:
    body = client.get("/api/health").json()
    stats = store.stats()
    assert body["status"] == "ok"
    assert (body["articles"], body["events"]) == (stats["articles"], stats["events"]) == (
        6, stats["events"])


def test_pages_cover_every_event_once(client: TestClient, store: Store) -> None:
    total = store.count_events()
    seen: list[str] = []
    url: str | None = "/api/events?per_page=7"
    pages = 0
    while url:
        body = client.get(url).json()
        assert body["total"] == total and body["per_page"] == 7
        assert body["pages"] == -(-total // 7)
        seen += [item["id"] for item in body["items"]]
        pages += 1
        url = body["next"]
    assert pages == -(-total // 7)
    assert sorted(seen) == sorted(e.id for e in store.events()) and len(set(seen)) == total
    last = client.get(f"/api/events?per_page=7&page={pages}").json()
    assert last["next"] is None and last["prev"] is not None
    beyond = client.get(f"/api/events?per_page=7&page={pages + 5}").json()
    assert beyond["items"] == [] and beyond["total"] == total


def test_filters_match_the_store(client: TestClient, store: Store) -> None:
    cases = [{"event_type": "ASSAULT"}, {"country": "arm"}, {"date_from": "2021-11-17",
             "date_to": "2021-11-30"}, {"actor": "azerbaijan"}, {"modality": "negated"},
             {"claimed_by": "AZE"}, {"event_type": "accuse,threaten", "country": "AZE"}]
    for params in cases:
        body = client.get("/api/events", params={**params, "per_page": 500}).json()
        expected = store.events(EventFilter(**params))
        assert body["total"] == len(expected), params
        assert [i["id"] for i in body["items"]] == [e.id for e in expected], params
    assert 0 < client.get("/api/events?event_type=ASSAULT").json()["total"] < \
        store.count_events()
    blank = client.get("/api/events?country=&date_from=").json()
    assert blank["total"] == store.count_events()


def test_sorting_orders_the_whole_result(client: TestClient) -> None:
    killed = [i["killed"] for i in client.get("/api/events?sort=-killed&per_page=500")
              .json()["items"]]
    known = [k for k in killed if k is not None]
    assert known and known == sorted(known, reverse=True) and killed[:len(known)] == known
    types = [i["event_type"] for i in client.get("/api/events?sort=type&per_page=500")
             .json()["items"]]
    assert types == sorted(types)
    assert_error(client.get("/api/events?sort=record"), 422, code="invalid_request",
                 mentions="query.sort")


def test_bad_query_parameters_are_422_in_one_shape(client: TestClient) -> None:
    for query, where in [("page=0", "query.page"), ("per_page=100000", "query.per_page"),
                         ("date_from=yesterday", "query.date_from"), ("page=abc", "query.page"),
                         (f"actor={'x' * 201}", "query.actor")]:
        error = assert_error(client.get(f"/api/events?{query}"), 422, mentions=where)
        assert error["details"][0]["loc"] == where


def test_one_event_and_one_article(client: TestClient, store: Store) -> None:
    event = store.events(EventFilter(event_type="ASSAULT"), limit=1)[0]
    body = client.get(f"/api/events/{event.id}").json()
    assert body["id"] == event.id and body["explain"] == event.explain
    article = client.get(f"/api/articles/{event.article_id}").json()
    assert article["article"]["id"] == event.article_id
    assert event.id in [e["id"] for e in article["events"]]
    assert_error(client.get("/api/events/nope"), 404, code="not_found", mentions="nope")
    assert_error(client.get("/api/articles/nope"), 404, code="not_found")
    assert_error(client.get("/api/no/such/route"), 404, code="not_found")
    assert_error(client.delete("/api/events/x"), 405, code="method_not_allowed")


def test_create_article_codes_and_stores_it_once(tmp_path: Path, pipeline: Pipeline) -> None:
    with writer(tmp_path, pipeline) as api:
        created = api.post("/api/articles", json=ARTICLE)
        assert created.status_code == 201, created.text
        body = created.json()
        assert body["created"] is True and body["article"]["title"] == "Border shelling"
        assert any(e["event_type"] == "ASSAULT" for e in body["events"])
        again = api.post("/api/articles", json=ARTICLE)
        assert again.status_code == 200 and again.json()["created"] is False
        assert {e["id"] for e in again.json()["events"]} == {e["id"] for e in body["events"]}
        listed = api.get("/api/events").json()
        assert listed["total"] == len(body["events"])


def test_create_article_refuses_bad_bodies(tmp_path: Path, pipeline: Pipeline) -> None:
    with writer(tmp_path, pipeline, max_bytes=2000) as api:
        assert_error(api.post("/api/articles", json={"text": "   \n "}), 422, mentions="empty")
        assert_error(api.post("/api/articles", json={"text": "ab\x00\x01cd"}), 422,
                     mentions="binary")
        assert_error(api.post("/api/articles", json={"text": "word " * 1000}), 413,
                     code="too_large")
        assert_error(api.post("/api/articles", content=b'{"text": "unclosed',
                              headers={"content-type": "application/json"}), 422,
                     code="invalid_request", mentions="body")
        assert_error(api.post("/api/articles", json={"title": "no text"}), 422,
                     mentions="body.text")
        assert_error(api.post("/api/articles", json=["a list"]), 422)
        assert api.get("/api/health").json()["articles"] == 0


def test_ingest_uploads_and_reports_each_bad_file(tmp_path: Path, pipeline: Pipeline) -> None:
    sample = (ROOT / "samples" / "c_border_clash.txt").read_bytes()
    with writer(tmp_path, pipeline) as api:
        response = api.post("/api/ingest", files=[
            ("files", ("clash.txt", sample, "text/plain")),
            ("files", ("blob.txt", b"\x00\x01\x02" * 50, "application/octet-stream")),
            ("files", ("empty.txt", b"", "text/plain"))])
        assert response.status_code == 200, response.text
        body = response.json()
        assert len(body["added"]) == 1 and body["added"][0]["events"] == len(body["events"]) > 0
        assert any(e.startswith("blob.txt: binary file") for e in body["errors"]), body
        assert any(e.startswith("empty.txt: empty file") for e in body["errors"]), body
        pasted = api.post("/api/ingest", data={"text": ARTICLE["text"]}).json()
        assert len(pasted["added"]) == 1 and pasted["errors"] == []
        assert api.post("/api/ingest", data={"text": ARTICLE["text"]}).json()["known"] == \
            [pasted["added"][0]["article_id"]]
        assert_error(api.post("/api/ingest", files=[("files", ("x.txt", b"\x00" * 9, "a/b"))]),
                     422, code="invalid_article", mentions="x.txt: binary")
        assert_error(api.post("/api/ingest", data={"text": "  "}), 422, mentions="nothing")


def test_exports_hold_every_filtered_event(client: TestClient, store: Store,
                                           tmp_path: Path) -> None:
    wanted = store.events(EventFilter(event_type="ASSAULT"))
    response = client.get("/api/export?format=csv&event_type=ASSAULT")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert "events.csv" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["id"] for r in rows] == [e.id for e in wanted]
    lines = client.get("/api/export?format=jsonl&event_type=ASSAULT").text.splitlines()
    assert [json.loads(line)["id"] for line in lines] == [e.id for e in wanted]
    plover = client.get("/api/export?format=plover&event_type=ASSAULT").text.splitlines()
    assert {json.loads(line)["event"][0] for line in plover} == {"ASSAULT"}
    parquet = tmp_path / "events.parquet"
    parquet.write_bytes(client.get("/api/export?format=parquet&event_type=ASSAULT").content)
    count = duckdb.sql(f"SELECT count(*) FROM '{parquet}'").fetchone()
    assert count == (len(wanted),)
    assert_error(client.get("/api/export?format=xlsx"), 422, mentions="query.format")


def test_timeline_and_map_add_up(client: TestClient, store: Store) -> None:
    dated = [e for e in store.events() if e.date]
    timeline = client.get("/api/timeline?interval=month").json()
    assert sum(b["total"] for b in timeline["buckets"]) == len(dated)
    buckets = [b["bucket"] for b in timeline["buckets"]]
    assert buckets == sorted(buckets)
    nov = next(b for b in timeline["buckets"] if b["bucket"] == "2021-11")
    assert nov["total"] == sum(1 for e in dated if e.date.startswith("2021-11"))
    by_country = client.get("/api/timeline?interval=week&by=country&event_type=ASSAULT").json()
    assert sum(b["total"] for b in by_country["buckets"]) == \
        sum(1 for e in dated if e.event_type == "ASSAULT")
    located = [e for e in store.events() if e.location and e.location.lat is not None]
    for cell in (0, 5, 90):
        points = client.get(f"/api/map?cell={cell}").json()["points"]
        assert sum(p["events"] for p in points) == len(located)
    assert len(client.get("/api/map?cell=90").json()["points"]) <= 4
    assert_error(client.get("/api/timeline?interval=year"), 422)


def test_incidents_list_get_and_export(client: TestClient, store: Store) -> None:
    total = store.count_incidents()
    body = client.get("/api/incidents?per_page=500").json()
    assert body["total"] == total == len(body["items"]) > 0
    disputed = max(body["items"], key=lambda i: len(i["conflicts"]))
    assert disputed["conflicts"], "the border clash sample has conflicting claims"
    one = client.get(f"/api/incidents/{disputed['id']}").json()
    assert one["id"] == disputed["id"] and len(one["reports"]) == one["report_count"]
    assaults = client.get("/api/incidents?event_type=ASSAULT").json()
    assert assaults["total"] == store.count_incidents(EventFilter(event_type="ASSAULT"))
    by_dispute = client.get("/api/incidents?sort=-disputed&per_page=500").json()["items"]
    counts = [len(i["conflicts"]) for i in by_dispute]
    assert counts == sorted(counts, reverse=True) and by_dispute[0]["id"] == disputed["id"]
    most_reports = client.get("/api/incidents?sort=-reports&per_page=1").json()["items"][0]
    assert most_reports["report_count"] == max(i["report_count"] for i in body["items"])
    links = client.get("/api/incidents/export?format=csv&links=true").text
    rows = list(csv.DictReader(io.StringIO(links)))
    assert {r["incident_id"] for r in rows} == {i["id"] for i in body["items"]}
    assert len(rows) == store.count_events()
    assert_error(client.get("/api/incidents/inc-nope"), 404, code="not_found")
    assert_error(client.get("/api/incidents/export?format=plover"), 422)


def test_writes_from_other_hosts_need_the_key(tmp_path: Path, pipeline: Pipeline) -> None:
    (tmp_path / "a").mkdir()
    with writer(tmp_path / "a", pipeline, client=REMOTE) as open_server:
        assert open_server.get("/api/events").status_code == 200
        assert_error(open_server.post("/api/articles", json=ARTICLE), 403, code="forbidden",
                     mentions="--api-key")
    (tmp_path / "b").mkdir()
    with writer(tmp_path / "b", pipeline, client=REMOTE, api_key="s3cret") as keyed:
        assert_error(keyed.post("/api/articles", json=ARTICLE), 401, code="unauthorized")
        assert_error(keyed.post("/api/articles", json=ARTICLE, headers={"X-API-Key": "nope"}),
                     401)
        assert keyed.post("/api/articles", json=ARTICLE,
                          headers={"X-API-Key": "s3cret"}).status_code == 201
        assert keyed.post("/api/ingest", data={"text": "Moscow threatened Kyiv on Monday."},
                          headers={"Authorization": "Bearer s3cret"}).status_code == 200
    (tmp_path / "c").mkdir()
    with writer(tmp_path / "c", pipeline, client=LOCAL, api_key="s3cret") as local:
        assert local.post("/api/articles", json=ARTICLE).status_code == 201


def test_openapi_and_pages_are_offline(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/articles", "/api/ingest",
            "/api/export", "/api/health", "/api/timeline", "/api/map", "/api/incidents",
            "/api/incidents/{incident_id}", "/api/incidents/export"} <= set(spec["paths"])
    assert "ErrorBody" in spec["components"]["schemas"]
    for page in ("/events", "/incidents", "/timeline", "/map", "/ingest", "/api"):
        html = client.get(page).text
        assert "http://" not in html and "https://" not in html and 'src="//' not in html, page
    missing = client.get("/events/nowhere")
    assert missing.status_code == 404 and "<html" in missing.text


def test_serve_get_prints_one_response(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from eventwire.cli import app as cli

    db = str(tmp_path / "empty.duckdb")
    health = CliRunner().invoke(cli, ["serve", "--db", db, "--get", "/api/health"])
    assert health.exit_code == 0, health.output
    assert json.loads(health.stdout)["events"] == 0
    missing = CliRunner().invoke(cli, ["serve", "--db", db, "--get", "/api/events/nope"])
    assert missing.exit_code == 1
    assert json.loads(missing.stdout)["error"]["code"] == "not_found"
