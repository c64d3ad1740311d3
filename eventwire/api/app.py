"""The JSON API under `/api`, and the app factory that also mounts the web pages.

    create_app(store, settings, api_key=...) -> FastAPI

Every list answers in one shape (`Page`): `items`, `total` (all matches, not just this page),
`page`, `per_page`, `pages`, and `next`/`prev` links (path and query) or null. Every error, from
a route or from validation, answers in one shape (`ErrorBody`):

    {"error": {"status": 422, "code": "invalid_request", "message": "query.page: ...",
               "details": [{"loc": "query.page", "message": "..."}]}}

Bad input is a 4xx with a one-line message; an unexpected failure is a 500 that says only that,
never a traceback. Writes (POST) are open to clients on this machine; other clients must send
the server's API key (`X-API-Key` or `Authorization: Bearer`), and without one configured the
server refuses their writes.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import math
import os
import tempfile
from collections.abc import Iterable
from dataclasses import asdict
from importlib import metadata
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, File, Form, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.background import BackgroundTask
from starlette.exceptions import HTTPException as StarletteHTTPException

from eventwire.api.desk import Desk, IngestReport
from eventwire.config import Settings
from eventwire.errors import EventwireError, IngestError, StoreError
from eventwire.ingest.metadata import build_article
from eventwire.model import Article, Event, Incident
from eventwire.pipeline import Pipeline
from eventwire.store import ORDERS, EventFilter, Store
from eventwire.store.duckdb_store import INCIDENT_ORDERS

log = logging.getLogger(__name__)

API_VERSION = "1"
PER_PAGE_DEFAULT = 50
PER_PAGE_MAX = 500
PAGE_MAX = 1_000_000
MAX_FILTER_CHARS = 200
EXPORT_MEDIA_TYPES = {"jsonl": "application/x-ndjson", "plover": "application/x-ndjson",
                      "csv": "text/csv; charset=utf-8", "parquet": "application/vnd.apache.parquet"}
EXPORT_SUFFIXES = {"jsonl": "jsonl", "plover": "plover.jsonl", "csv": "csv", "parquet": "parquet"}
# An empty value (a blank form field) means no condition, like an absent one.
_ISO_OR_EMPTY = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"


def _pattern(choices: Iterable[str]) -> str:
    # The keys are lowercase words with an optional leading "-": nothing to escape.
    return "^(" + "|".join(choices) + ")$"



class ApiError(Exception):
    """A deliberate HTTP error: status, a short machine-readable code and a one-line message."""

    def __init__(self, status: int, code: str, message: str, loc: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.loc = loc
        self.message = f"{loc}: {message}" if loc else message
        self.details = [ErrorDetail(loc=loc, message=message)] if loc else []


class ErrorDetail(BaseModel):
    loc: str = Field(description="Where the problem is, e.g. query.page or body.text.")
    message: str


class ErrorInfo(BaseModel):
    status: int
    code: str = Field(description="not_found, invalid_request, unauthorized, forbidden, ...")
    message: str = Field(description="One line, meant for people.")
    details: list[ErrorDetail] = Field(default_factory=list)


class ErrorBody(BaseModel):
    error: ErrorInfo


class Paging(BaseModel):
    total: int = Field(description="Matching rows in all pages.")
    page: int
    per_page: int
    pages: int
    next: str | None = Field(description="Path and query of the next page, or null.")
    prev: str | None = Field(description="Path and query of the previous page, or null.")


class Page(Paging):
    items: list[Event]


class IncidentPage(Paging):
    items: list[Incident]


class ArticleWithEvents(BaseModel):
    article: Article
    events: list[Event]


class ArticleIn(BaseModel):
    text: str = Field(min_length=1, description="The article body (plain text).")
    title: str | None = Field(None, max_length=2000)
    url: str | None = Field(None, max_length=4000)
    published: str | None = Field(None, max_length=100,
                                  description="Publication date, ISO (YYYY-MM-DD) preferred.")
    source: str | None = Field(None, max_length=500, description="The outlet.")
    byline: str | None = Field(None, max_length=500)


class ArticleCreated(ArticleWithEvents):
    created: bool = Field(description="False when the same article was already stored.")


class IngestedArticle(BaseModel):
    article_id: str
    title: str | None
    events: int


class IngestOut(BaseModel):
    added: list[IngestedArticle]
    events: list[Event]
    known: list[str] = Field(description="Ids of articles that were already stored.")
    errors: list[str] = Field(description="One line per input that could not be read.")


class TimelineBucket(BaseModel):
    bucket: str = Field(description="Day (YYYY-MM-DD), week's Monday, or month (YYYY-MM).")
    total: int
    counts: dict[str, int]


class Timeline(BaseModel):
    interval: str
    by: str
    groups: list[str] = Field(description="Every group that occurs, most events first.")
    buckets: list[TimelineBucket]


class MapPoint(BaseModel):
    lat: float
    lon: float
    events: int
    event_id: str
    article_id: str
    place: str | None


class MapPoints(BaseModel):
    cell_degrees: float
    points: list[MapPoint]


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    api_version: str
    articles: int
    events: int


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Bad input the store refused"},
    404: {"model": ErrorBody, "description": "No such record"},
    422: {"model": ErrorBody, "description": "Invalid parameters or body"},
}
WRITE_RESPONSES: dict[int | str, dict[str, Any]] = {
    **ERROR_RESPONSES,
    401: {"model": ErrorBody, "description": "Missing or wrong API key"},
    403: {"model": ErrorBody, "description": "Writes from other hosts need an API key"},
    413: {"model": ErrorBody, "description": "Article over the size limit"},
}


def event_filters(
    date_from: Annotated[str | None, Query(
        pattern=_ISO_OR_EMPTY, description="Events on or after this ISO date (prefix).")] = None,
    date_to: Annotated[str | None, Query(
        pattern=_ISO_OR_EMPTY, description="Events on or before this ISO date (prefix).")] = None,
    country: Annotated[str | None, Query(
        max_length=MAX_FILTER_CHARS, description="ISO-3 of an actor, recipient or place.")] = None,
    actor: Annotated[str | None, Query(
        max_length=MAX_FILTER_CHARS, description="Text, name or code of an actor.")] = None,
    event_type: Annotated[str | None, Query(
        max_length=MAX_FILTER_CHARS, description="PLOVER type(s), comma-separated.")] = None,
    claimed_by: Annotated[str | None, Query(
        max_length=MAX_FILTER_CHARS, description="Claimant's country or code.")] = None,
    modality: Annotated[str | None, Query(
        max_length=MAX_FILTER_CHARS,
        description="actual, negated, hypothetical, future or historical.")] = None,
    article_id: Annotated[str | None, Query(max_length=MAX_FILTER_CHARS)] = None,
) -> EventFilter:
    """The shared event filters; blank values mean no condition (as from an empty form)."""
    values = {"date_from": date_from, "date_to": date_to, "country": country, "actor": actor,
              "event_type": event_type, "claimed_by": claimed_by, "modality": modality,
              "article_id": article_id}
    return EventFilter(**{name: value.strip() or None if value else None
                          for name, value in values.items()})


Filters = Annotated[EventFilter, Depends(event_filters)]
PageNumber = Annotated[int, Query(ge=1, le=PAGE_MAX, description="1-based page number.")]
PerPage = Annotated[int, Query(ge=1, le=PER_PAGE_MAX, description="Rows per page.")]
Sort = Annotated[str, Query(pattern=_pattern(ORDERS),
                            description="date, type, country, killed or confidence; "
                                        "a leading - sorts descending.")]
IncidentSort = Annotated[str, Query(pattern=_pattern(INCIDENT_ORDERS),
                                    description="date, type, reports, killed or disputed; "
                                                "a leading - sorts descending.")]


def filter_params(filters: EventFilter) -> dict[str, str]:
    """The query parameters that reproduce `filters` (for links and shared views)."""
    return {name: value for name, value in asdict(filters).items() if value}


def page_link(path: str, params: dict[str, Any], page: int) -> str:
    return f"{path}?{urlencode({**params, 'page': page})}"


def _paging(filters: EventFilter, total: int, *, page: int, per_page: int, path: str,
            extra: dict[str, Any]) -> dict[str, Any]:
    pages = max(1, math.ceil(total / per_page))
    params = {**filter_params(filters), **extra}
    return {"total": total, "page": page, "per_page": per_page, "pages": pages,
            "next": page_link(path, params, page + 1) if page < pages else None,
            "prev": page_link(path, params, min(page - 1, pages)) if page > 1 else None}


def paginate(desk: Desk, filters: EventFilter, *, page: int, per_page: int, sort: str,
             path: str, extra: dict[str, Any]) -> Page:
    with desk.reading() as store:
        items, total = store.events_page(filters, limit=per_page, offset=(page - 1) * per_page,
                                         order=sort)
    return Page(items=items, **_paging(filters, total, page=page, per_page=per_page, path=path,
                                       extra=extra))


def paginate_incidents(desk: Desk, filters: EventFilter, *, page: int, per_page: int,
                       sort: str, path: str, extra: dict[str, Any]) -> IncidentPage:
    with desk.reading() as store:
        items, total = store.incidents_page(filters, limit=per_page,
                                            offset=(page - 1) * per_page, order=sort)
    return IncidentPage(items=items, **_paging(filters, total, page=page, per_page=per_page,
                                               path=path, extra=extra))


def timeline_of(desk: Desk, filters: EventFilter, interval: str, by: str) -> Timeline:
    with desk.reading() as store:
        rows = store.timeline(filters, interval=interval, by=by)
    buckets: dict[str, TimelineBucket] = {}
    totals: dict[str, int] = {}
    for bucket, group, count in rows:
        entry = buckets.setdefault(bucket, TimelineBucket(bucket=bucket, total=0, counts={}))
        entry.counts[group] = count
        entry.total += count
        totals[group] = totals.get(group, 0) + count
    groups = sorted(totals, key=lambda g: (-totals[g], g))
    return Timeline(interval=interval, by=by, groups=groups, buckets=list(buckets.values()))


def _is_loopback(host: str | None) -> bool:
    if not host:
        return False
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def _given_key(request: Request) -> str | None:
    header = request.headers.get("x-api-key")
    if header:
        return header
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def check_write_access(request: Request, form_key: str | None = None) -> None:
    """Writes from this machine need nothing; from elsewhere, the server's API key."""
    if request.client is not None and _is_loopback(request.client.host):
        return
    key: str | None = request.app.state.api_key
    if key is None:
        raise ApiError(403, "forbidden", "this server accepts writes from localhost only; "
                                         "start it with --api-key to accept them from other hosts")
    given = _given_key(request) or form_key
    if given is None or not hmac.compare_digest(given.encode(), key.encode()):
        raise ApiError(401, "unauthorized",
                       "missing or wrong API key: send it in the X-API-Key header")


def _write_access(request: Request) -> None:
    check_write_access(request)


def ingest_out(report: IngestReport) -> IngestOut:
    return IngestOut(
        added=[IngestedArticle(article_id=a.id, title=a.title, events=len(found))
               for a, found in report.added],
        events=report.events, known=report.known, errors=report.errors)


def _error_response(status: int, code: str, message: str,
                    details: list[ErrorDetail] | None = None) -> JSONResponse:
    body = ErrorBody(error=ErrorInfo(status=status, code=code, message=message,
                                     details=details or []))
    return JSONResponse(body.model_dump(), status_code=status)


_STATUS_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
                 405: "method_not_allowed", 413: "too_large", 415: "unsupported_media_type",
                 422: "invalid_request"}


def _location(loc: tuple[Any, ...] | list[Any]) -> str:
    return ".".join(str(part) for part in loc) or "request"


def create_app(store: Store | str | Path, settings: Settings | None = None, *,
               api_key: str | None = None, pipeline: Pipeline | None = None) -> FastAPI:
    """The app over `store` (a Store, or a path the app opens read-write and closes).

    `api_key`: what clients on other hosts must send to write; None refuses their writes.
    `pipeline`: codes ingested articles (default: one built from `settings` on first use).
    """
    owned = not isinstance(store, Store)
    opened = Store(store) if owned else store
    desk = Desk(opened, settings or Settings(db_path=opened.path), pipeline)
    app = FastAPI(
        title="eventwire", version=_version(),
        summary="Political event records from news, with who says so.",
        # The interactive docs pages load their scripts from a CDN; the app works offline, so
        # it serves /openapi.json and its own /api page instead.
        docs_url=None, redoc_url=None,
    )
    app.state.desk = desk
    app.state.api_key = api_key
    if owned:
        app.router.on_shutdown.append(desk.store.close)
    _install_error_handlers(app)
    _add_api_routes(app, desk)
    from eventwire.web.pages import add_pages
    add_pages(app, desk)
    return app


def _install_error_handlers(app: FastAPI) -> None:
    def wants_html(request: Request) -> bool:
        return not request.url.path.startswith("/api") and \
            request.url.path != "/openapi.json"

    def respond(request: Request, status: int, code: str, message: str,
                details: list[ErrorDetail] | None = None) -> Response:
        if wants_html(request):
            from eventwire.web.pages import error_page
            return error_page(request, status, message)
        return _error_response(status, code, message, details)

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        return respond(request, exc.status, exc.code, exc.message, exc.details)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        details = [ErrorDetail(loc=_location(e.get("loc", ())), message=str(e.get("msg", "")))
                   for e in exc.errors()]
        first = details[0] if details else ErrorDetail(loc="request", message="invalid request")
        return respond(request, 422, "invalid_request", f"{first.loc}: {first.message}", details)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = _STATUS_CODES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such page: {request.url.path}"
        response = respond(request, exc.status_code, code, message)
        response.headers.update(exc.headers or {})  # e.g. Allow on a 405
        return response

    @app.exception_handler(IngestError)
    async def unreadable(request: Request, exc: IngestError) -> Response:
        return respond(request, 422, "invalid_article", str(exc))

    @app.exception_handler(EventwireError)
    async def refused(request: Request, exc: EventwireError) -> Response:
        return respond(request, 400, "bad_request", str(exc))

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return respond(request, 500, "internal_error",
                       "internal error; the server log has the details")


def _add_api_routes(app: FastAPI, desk: Desk) -> None:
    settings = desk.settings

    @app.get("/api/health", response_model=Health, tags=["meta"])
    def health() -> Health:
        """Liveness and what the store holds."""
        with desk.reading() as store:
            stats = store.stats()
        return Health(status="ok", version=app.version, api_version=API_VERSION,
                      articles=stats["articles"], events=stats["events"])

    @app.get("/api/events", response_model=Page, responses=ERROR_RESPONSES, tags=["events"])
    def list_events(request: Request, filters: Filters, page: PageNumber = 1,
                    per_page: PerPage = PER_PAGE_DEFAULT, sort: Sort = "date") -> Page:
        """Events matching every filter given, one page at a time, with the total count."""
        return paginate(desk, filters, page=page, per_page=per_page, sort=sort,
                        path=request.url.path,
                        extra={"per_page": per_page, "sort": sort})

    @app.get("/api/events/{event_id}", response_model=Event, responses=ERROR_RESPONSES,
             tags=["events"])
    def get_event(event_id: str) -> Event:
        """One event record, with `explain`: the reasons behind each decision."""
        with desk.reading() as store:
            found = store.event(event_id)
        if found is None:
            raise ApiError(404, "not_found", f"no event with id {event_id!r}")
        return found

    @app.get("/api/incidents", response_model=IncidentPage, responses=ERROR_RESPONSES,
             tags=["incidents"])
    def list_incidents(request: Request, filters: Filters, page: PageNumber = 1,
                       per_page: PerPage = PER_PAGE_DEFAULT,
                       sort: IncidentSort = "date") -> IncidentPage:
        """Incidents with at least one report (event) matching the filters."""
        return paginate_incidents(desk, filters, page=page, per_page=per_page, sort=sort,
                                  path=request.url.path,
                                  extra={"per_page": per_page, "sort": sort})

    @app.get("/api/incidents/export", responses={
        **ERROR_RESPONSES, 200: {"description": "The matching incidents as a file",
                                 "content": {t: {} for t in set(EXPORT_MEDIA_TYPES.values())}}},
        response_class=Response, tags=["incidents"])
    def export_incidents(filters: Filters, format: Annotated[
            Literal["jsonl", "csv", "parquet"],
            Query(description="jsonl, csv or parquet.")] = "csv",
                         links: Annotated[bool, Query(
                             description="One row per report: incident id, event id, outlet, "
                                         "claimant.")] = False) -> Response:
        """Every incident matching the filters (or their report links) as a file."""
        # Declared before /api/incidents/{incident_id}, which would otherwise take "export".
        return export_response(desk, filters, format, incidents=True, links=links)

    @app.get("/api/incidents/{incident_id}", response_model=Incident,
             responses=ERROR_RESPONSES, tags=["incidents"])
    def get_incident(incident_id: str) -> Incident:
        """One incident: merged fields with their agreement, conflicts, claims and reports."""
        with desk.reading() as store:
            found = store.incident(incident_id)
        if found is None:
            raise ApiError(404, "not_found", f"no incident with id {incident_id!r}")
        return found

    @app.get("/api/articles/{article_id}", response_model=ArticleWithEvents,
             responses=ERROR_RESPONSES, tags=["articles"])
    def get_article(article_id: str) -> ArticleWithEvents:
        """An article's text and metadata with the events coded from it."""
        with desk.reading() as store:
            article = store.article(article_id)
            found = store.events(EventFilter(article_id=article_id), order="date") \
                if article else []
        if article is None:
            raise ApiError(404, "not_found", f"no article with id {article_id!r}")
        return ArticleWithEvents(article=article, events=found)

    @app.post("/api/articles", response_model=ArticleCreated, status_code=201,
              responses={**WRITE_RESPONSES, 200: {"model": ArticleCreated,
                                                  "description": "Already stored"}},
              tags=["articles"], dependencies=[Depends(_write_access)])
    def create_article(body: ArticleIn) -> Response:
        """Code one article and store it with its events (validated as the CLI validates)."""
        text = body.text
        if not text.strip():
            raise ApiError(422, "invalid_article", "the article text is empty", loc="body.text")
        if "\x00" in text:
            raise ApiError(422, "invalid_article", "binary text (NUL characters), not an article",
                           loc="body.text")
        if len(text.encode("utf-8", "surrogatepass")) > settings.max_file_bytes:
            raise ApiError(413, "too_large", f"over the {settings.max_file_bytes} byte limit",
                           loc="body.text")
        article = build_article(text, title=body.title, url=body.url, published=body.published,
                                source=body.source, byline=body.byline, source_file="<api>")
        report = desk.ingest([article])
        if report.added:
            stored, found = report.added[0]
            out = ArticleCreated(article=stored, events=found, created=True)
            return JSONResponse(out.model_dump(mode="json"), status_code=201)
        with desk.reading() as store:
            stored_article = store.article(article.id) or article
            found = store.events(EventFilter(article_id=article.id))
        out = ArticleCreated(article=stored_article, events=found, created=False)
        return JSONResponse(out.model_dump(mode="json"), status_code=200)

    @app.post("/api/ingest", response_model=IngestOut, responses=WRITE_RESPONSES,
              tags=["articles"], dependencies=[Depends(_write_access)])
    def ingest(files: Annotated[list[UploadFile] | None, File(
                   description="Article files: .txt (optional header), .jsonl, .html.")] = None,
               text: Annotated[str | None, Form(
                   description="Pasted article text, read like the CLI's stdin.")] = None,
               ) -> IngestOut:
        """Code and store uploaded files and/or pasted text; each bad input is one error line."""
        report = ingest_request(desk, files, text)
        return ingest_out(report)

    @app.get("/api/export", responses={
        **ERROR_RESPONSES, 200: {"description": "The matching events as a file",
                                 "content": {t: {} for t in set(EXPORT_MEDIA_TYPES.values())}}},
        response_class=Response, tags=["events"])
    def export(filters: Filters, format: Annotated[
            Literal["jsonl", "plover", "csv", "parquet"],
            Query(description="jsonl (eventwire records), plover, csv or parquet.")] = "csv",
               ) -> Response:
        """Every event matching the filters (not one page) as a CSV, JSONL or Parquet file."""
        return export_response(desk, filters, format)

    @app.get("/api/timeline", response_model=Timeline, responses=ERROR_RESPONSES,
             tags=["events"])
    def timeline(filters: Filters, interval: Annotated[
            Literal["day", "week", "month"], Query()] = "day",
                 by: Annotated[Literal["type", "country"], Query()] = "type") -> Timeline:
        """Dated events per day, week or month, split by event type or by country."""
        return timeline_of(desk, filters, interval, by)

    @app.get("/api/map", response_model=MapPoints, responses=ERROR_RESPONSES, tags=["events"])
    def map_points(filters: Filters, cell: Annotated[float, Query(
            ge=0, le=90, description="Grid cell in degrees for clustering; 0 keeps every "
                                     "place apart.")] = 0.0) -> MapPoints:
        """Located events as map points, clustered on a grid."""
        with desk.reading() as store:
            points = store.map_points(filters, cell_degrees=cell)
        return MapPoints(cell_degrees=cell, points=[MapPoint(**p) for p in points])


def _version() -> str:
    try:
        return metadata.version("eventwire")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "0+unknown"


def ingest_request(desk: Desk, files: list[UploadFile] | None, text: str | None) -> IngestReport:
    """Shared by the API and the ingest page: files and text in, one report out."""
    uploads = [(f.filename or "", f.file.read()) for f in files or [] if f.filename or f.size]
    if not uploads and not (text and text.strip()):
        raise ApiError(422, "invalid_request",
                       "nothing to ingest: paste an article or choose files")
    report = IngestReport()
    if uploads:
        report = desk.ingest_files(uploads)
    if text and text.strip():
        pasted = desk.ingest_text(text)
        report.added += pasted.added
        report.known += pasted.known
        report.errors += pasted.errors
    if report.errors and not report.added and not report.known:
        raise ApiError(422, "invalid_article", "; ".join(report.errors))
    return report


def export_response(desk: Desk, filters: EventFilter, fmt: str, *, incidents: bool = False,
                    links: bool = False) -> Response:
    fd, name = tempfile.mkstemp(prefix="eventwire-export-", suffix=f".{fmt}")
    os.close(fd)
    path = Path(name)
    try:
        with desk.reading() as store:
            if incidents:
                store.export_incidents(path, fmt, filters, links=links)
            else:
                store.export_events(path, fmt, filters)
    except StoreError:
        path.unlink(missing_ok=True)
        raise
    stem = ("incident-reports" if links else "incidents") if incidents else "events"
    return FileResponse(path, media_type=EXPORT_MEDIA_TYPES[fmt],
                        filename=f"{stem}.{EXPORT_SUFFIXES[fmt]}",
                        background=BackgroundTask(path.unlink, missing_ok=True))
