"""Server-rendered pages over the same Desk as the API: events, timeline, map, article, ingest.

Filters travel in the query string with the API's names, so every view is a shareable URL and
its export link is the same URL under /api/export. Pages use only the package's own templates,
CSS and JS (no CDN): the app must work with no internet.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import FastAPI, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from eventwire.api.app import (
    EXPORT_SUFFIXES,
    PER_PAGE_DEFAULT,
    ApiError,
    Filters,
    IncidentSort,
    PageNumber,
    PerPage,
    Sort,
    check_write_access,
    filter_params,
    ingest_request,
    paginate,
    paginate_incidents,
    timeline_of,
)
from eventwire.api.desk import Desk
from eventwire.model import EVENT_TYPES, QUAD_CLASS
from eventwire.store import EventFilter
from eventwire.web.highlight import ROLES, runs

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=HERE / "templates")
MODALITIES = ("actual", "negated", "hypothetical", "future", "historical")
SORTABLE = {"date": "date", "type": "type", "where": "country", "killed": "killed",
            "confidence": "confidence"}
INCIDENT_SORTABLE = {"date": "date", "type": "type", "killed/injured": "killed",
                     "reports": "reports", "disputed": "disputed"}
# One colour per PLOVER quad class, lighter to darker within it, so the legend reads as a scale
# from cooperation (blue/green) to conflict (orange/red).
QUAD_COLOURS = {1: ("#9ecae1", "#6baed6", "#4292c6", "#2171b5"),
                2: ("#a1d99b", "#74c476", "#41ab5d"),
                3: ("#fdd0a2", "#fdae6b", "#fd8d3c", "#e6550d"),
                4: ("#fcbba1", "#fc9272", "#fb6a4a", "#de2d26", "#a50f15")}
TYPE_COLOURS = {t: QUAD_COLOURS[q][[x for x in EVENT_TYPES if QUAD_CLASS[x] == q].index(t)]
                for t, q in QUAD_CLASS.items()}
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
           "#ff9da7", "#9c755f", "#bab0ac")


def error_page(request: Request, status: int, message: str) -> Response:
    return templates.TemplateResponse(request, "error.html",
                                      {"status": status, "message": message},
                                      status_code=status)


def _query(params: dict[str, Any], **changes: Any) -> str:
    merged = {k: v for k, v in {**params, **changes}.items() if v not in (None, "")}
    return urlencode(merged)


def _sort_links(view: dict[str, Any], sort: str,
                sortable: dict[str, str]) -> dict[str, tuple[str, str]]:
    """For each sortable column: the link that sorts by it (flipping the current order) and
    the arrow showing the current one."""
    links = {}
    for label, key in sortable.items():
        flipped = f"-{key}" if sort == key else key
        links[label] = ("?" + _query(view, sort=flipped, page=None),
                        "▲" if sort == key else "▼" if sort == f"-{key}" else "")
    return links


def _bucket_range(bucket: str, interval: str) -> tuple[str, str]:
    """The date_from/date_to filter values that select one timeline bucket."""
    if interval == "week":
        monday = date.fromisoformat(bucket)
        return bucket, (monday + timedelta(days=6)).isoformat()
    return bucket, bucket


def _auto_interval(first_month: str, last_month: str) -> str:
    def months(ym: str) -> int:
        year, month = ym.split("-")
        return int(year) * 12 + int(month)

    span = months(last_month) - months(first_month) + 1
    return "day" if span <= 3 else "week" if span <= 24 else "month"


def add_pages(app: FastAPI, desk: Desk) -> None:
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    def render(request: Request, name: str, **context: Any) -> Response:
        return templates.TemplateResponse(request, name, {
            "nav": name.removesuffix(".html"), "event_types": EVENT_TYPES,
            "modalities": MODALITIES, **context})

    @app.get("/", include_in_schema=False)
    def home() -> Response:
        return RedirectResponse("/events", status_code=307)

    @app.get("/events", include_in_schema=False, response_class=HTMLResponse)
    def events_page(request: Request, filters: Filters, page: PageNumber = 1,
                    per_page: PerPage = PER_PAGE_DEFAULT, sort: Sort = "-date") -> Response:
        params = filter_params(filters)
        view = {**params, "sort": sort, "per_page": per_page}
        if per_page == PER_PAGE_DEFAULT:
            view.pop("per_page")
        result = paginate(desk, filters, page=page, per_page=per_page, sort=sort,
                          path="/events", extra={k: v for k, v in view.items()
                                                 if k in ("sort", "per_page")})
        with desk.reading() as store:
            incident_ids = store.incident_ids([e.id for e in result.items])
        sort_links = _sort_links(view, sort, SORTABLE)
        exports = {fmt: "/api/export?" + _query(params, format=fmt) for fmt in EXPORT_SUFFIXES}
        return render(request, "events.html", result=result, filters=filters, sort=sort,
                      sort_links=sort_links, exports=exports, view_query=_query(params),
                      incident_ids=incident_ids)

    @app.get("/timeline", include_in_schema=False, response_class=HTMLResponse)
    def timeline_page(request: Request, filters: Filters,
                      interval: Annotated[Literal["auto", "day", "week", "month"], Query()] = (
                          "auto"),
                      by: Annotated[Literal["type", "country"], Query()] = "type") -> Response:
        params = filter_params(filters)
        timeline = timeline_of(desk, filters, "month" if interval == "auto" else interval, by)
        if interval == "auto":
            # Bars stay readable (and the page fast) at a few hundred at most: months for
            # data spanning years, weeks within two years, days within a quarter.
            interval = _auto_interval(timeline.buckets[0].bucket, timeline.buckets[-1].bucket) \
                if timeline.buckets else "month"
            if interval != "month":
                timeline = timeline_of(desk, filters, interval, by)
        colours = {g: TYPE_COLOURS.get(g) if by == "type" else None
                   for g in timeline.groups}
        for n, group in enumerate(g for g in timeline.groups if not colours[g]):
            colours[group] = PALETTE[n % len(PALETTE)]
        width, height, top = 960, 260, 10
        peak = max((b.total for b in timeline.buckets), default=0)
        slot = width / max(len(timeline.buckets), 1)
        bars = []
        for n, bucket in enumerate(timeline.buckets):
            y = top + height
            start, end = _bucket_range(bucket.bucket, interval)
            for group in timeline.groups:
                count = bucket.counts.get(group)
                if not count:
                    continue
                h = height * count / peak
                y -= h
                narrowed = {"event_type": group} if by == "type" else {"country": group}
                if group == "?":
                    narrowed = {}
                bars.append({
                    "x": round(n * slot + slot * 0.1, 2), "y": round(y, 2),
                    "w": round(max(slot * 0.8, 1), 2), "h": round(h, 2),
                    "colour": colours[group], "group": group, "count": count,
                    "bucket": bucket.bucket,
                    "href": "/events?" + _query(params, date_from=start, date_to=end,
                                                **narrowed)})
        ticks = [{"x": round(n * slot + slot / 2, 2), "label": b.bucket}
                 for n, b in enumerate(timeline.buckets)
                 if n % max(1, len(timeline.buckets) // 12) == 0]
        return render(request, "timeline.html", filters=filters, timeline=timeline, bars=bars,
                      ticks=ticks, colours=colours, interval=interval, by=by, peak=peak,
                      width=width, height=height + top + 30, axis_y=top + height,
                      view_query=_query(params))

    @app.get("/map", include_in_schema=False, response_class=HTMLResponse)
    def map_page(request: Request, filters: Filters) -> Response:
        params = filter_params(filters)
        return render(request, "map.html", filters=filters, view_query=_query(params))

    @app.get("/incidents", include_in_schema=False, response_class=HTMLResponse)
    def incidents_page(request: Request, filters: Filters, page: PageNumber = 1,
                       per_page: PerPage = PER_PAGE_DEFAULT,
                       sort: IncidentSort = "-date") -> Response:
        params = filter_params(filters)
        view = {**params, "sort": sort, "per_page": per_page}
        if per_page == PER_PAGE_DEFAULT:
            view.pop("per_page")
        result = paginate_incidents(desk, filters, page=page, per_page=per_page, sort=sort,
                                    path="/incidents", extra={k: v for k, v in view.items()
                                                              if k in ("sort", "per_page")})
        exports = {fmt: "/api/incidents/export?" + _query(params, format=fmt)
                   for fmt in ("csv", "jsonl", "parquet")}
        exports["report links (csv)"] = "/api/incidents/export?" + _query(
            params, format="csv", links="true")
        return render(request, "incidents.html", result=result, filters=filters, sort=sort,
                      sort_links=_sort_links(view, sort, INCIDENT_SORTABLE), exports=exports,
                      view_query=_query(params))

    @app.get("/incidents/by-event/{event_id}", include_in_schema=False)
    def incident_of_event(event_id: str) -> Response:
        """Where a map point leads: the event's incident, else the event in its article."""
        with desk.reading() as store:
            incident_id = store.incident_id_of(event_id)
            event = store.event(event_id) if incident_id is None else None
        if incident_id is not None:
            return RedirectResponse(f"/incidents/{incident_id}", status_code=307)
        if event is None:
            raise ApiError(404, "not_found", f"no event with id {event_id!r}")
        return RedirectResponse(f"/articles/{event.article_id}#ev-{event_id}", status_code=307)

    @app.get("/incidents/{incident_id}", include_in_schema=False, response_class=HTMLResponse)
    def incident_page(request: Request, incident_id: str) -> Response:
        with desk.reading() as store:
            incident = store.incident(incident_id)
        if incident is None:
            raise ApiError(404, "not_found", f"no incident with id {incident_id!r}")
        disputed = {c.field for c in incident.conflicts}
        # The report that gave each disputed value, so its row can be marked in the table.
        report_conflicts: dict[str, list[str]] = {}
        for conflict in incident.conflicts:
            for version in conflict.versions:
                for report_id in version.report_ids:
                    report_conflicts.setdefault(report_id, []).append(conflict.field)
        return render(request, "incident.html", incident=incident, disputed=disputed,
                      report_conflicts=report_conflicts)

    @app.get("/articles/{article_id}", include_in_schema=False, response_class=HTMLResponse)
    def article_page(request: Request, article_id: str) -> Response:
        with desk.reading() as store:
            article = store.article(article_id)
            found = store.events(EventFilter(article_id=article_id)) if article else []
            incident_ids = store.incident_ids([e.id for e in found])
        if article is None:
            raise ApiError(404, "not_found", f"no article with id {article_id!r}")
        found.sort(key=lambda e: (e.sentence_start, e.trigger.start))
        return render(request, "article.html", article=article, events=found,
                      runs=runs(article.text, found), roles=ROLES, incident_ids=incident_ids)

    @app.get("/ingest", include_in_schema=False, response_class=HTMLResponse)
    def ingest_form(request: Request) -> Response:
        return render(request, "ingest.html", report=None, problem=None, text="")

    @app.post("/ingest", include_in_schema=False, response_class=HTMLResponse)
    def ingest_page(request: Request,
                    files: Annotated[list[UploadFile] | None, File()] = None,
                    text: Annotated[str | None, Form()] = None,
                    api_key: Annotated[str | None, Form()] = None) -> Response:
        try:
            check_write_access(request, api_key or None)
            report = ingest_request(desk, files, text)
        except ApiError as problem:
            response = render(request, "ingest.html", report=None, problem=problem.message,
                              text=text or "")
            response.status_code = problem.status
            return response
        return render(request, "ingest.html", report=report, problem=None, text="")

    @app.get("/api", include_in_schema=False, response_class=HTMLResponse)
    def api_page(request: Request) -> Response:
        spec = app.openapi()
        operations = [
            {"method": method.upper(), "path": path, "summary": op.get("summary", ""),
             "description": op.get("description", ""),
             "parameters": [p["name"] for p in op.get("parameters", [])]}
            for path, methods in spec["paths"].items() for method, op in methods.items()]
        return render(request, "api.html", operations=operations)
