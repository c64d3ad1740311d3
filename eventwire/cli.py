"""The `eventwire` command: ingest, list, extract, export, link incidents, evaluate.

Every EventwireError is printed as one line (no traceback) and makes the exit status non-zero;
anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import csv
import importlib
import json
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from eventwire.config import DEFAULT_DB, Settings
from eventwire.errors import EventwireError, IngestError
from eventwire.evaluate import SUITES, SuiteResult
from eventwire.ingest import read_articles
from eventwire.model import Article, Event, Incident
from eventwire.pipeline import Pipeline
from eventwire.store import EXPORT_FORMATS, INCIDENT_EXPORT_FORMATS, EventFilter, Store

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Political event data from news: who did what to whom, and who says so.")
# soft_wrap: an error stays one line however narrow the terminal (or a pipe's 80 columns).
err = Console(stderr=True, soft_wrap=True)
out = Console()

SUITE_MODULES = ("ngec_actors", "timebank", "plover_gsr", "conflibert", "case2021", "petrarch",
                 "geo", "linking")

DbOption = Annotated[str, typer.Option("--db", help="DuckDB file holding articles and events.")]
ActorFiles = Annotated[list[str] | None, typer.Option(
    "--actors", help="Extra actor dictionary (eventwire JSON or PETRARCH .txt); repeatable.")]
ProcessesOpt = Annotated[int, typer.Option(
    "--processes", min=1, help="Worker processes coding articles in parallel (for many articles).")]


class _Failures:
    """Counts input errors while printing each as one line."""

    def __init__(self) -> None:
        self.count = 0

    def articles(self, items: Iterable[Article | IngestError]) -> Iterator[Article]:
        for item in items:
            if isinstance(item, IngestError):
                self.count += 1
                err.print(f"[red]error[/red] {item}", markup=True, highlight=False)
            else:
                yield item


def _fail(error: EventwireError) -> typer.Exit:
    err.print(f"[red]error[/red] {error}", markup=True, highlight=False)
    return typer.Exit(2)


def _settings(db: str = DEFAULT_DB, actors: list[str] | None = None,
              processes: int = 1) -> Settings:
    return Settings(db_path=db, actor_files=list(actors or []), processes=processes)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or '-' for stdin.")],
    db: DbOption = DEFAULT_DB,
    actors: ActorFiles = None,
    processes: ProcessesOpt = 1,
    recode: Annotated[bool, typer.Option(
        "--recode", help="Code articles already stored again and replace their events (after "
                         "an upgrade, or with other --actors files); incidents are rebuilt.")
    ] = False,
) -> None:
    """Code articles into events and store both; an article already stored is skipped (or,
    with --recode, coded again)."""
    settings = _settings(db, actors, processes)
    failures = _Failures()
    try:
        pipeline = Pipeline(settings)
        with Store(db) as store, Progress(
            TextColumn("coding"), BarColumn(), MofNCompleteColumn(), TextColumn("articles"),
            TimeElapsedColumn(), console=err, transient=True,
        ) as progress:
            task = progress.add_task("articles", total=None)
            stored: set[str] = set()

            def fresh(items: Iterable[Article]) -> Iterator[Article]:
                for article in items:
                    progress.advance(task)
                    if article.id in stored or store.has_article(article.id):
                        stored.add(article.id)
                        if not recode:
                            continue
                    yield article

            articles = fresh(failures.articles(read_articles(
                paths, max_file_bytes=settings.max_file_bytes, stdin=sys.stdin)))
            added = store.add_many(pipeline.process_many(articles),
                                   batch_size=settings.batch_size, replace=recode)
            # Replaced events leave the incidents they were in out of date.
            linked = store.relink(settings.link) if recode and stored else \
                store.link(settings.link)
            stats = store.stats()
    except EventwireError as error:
        raise _fail(error) from None
    known = len(stored)
    done = (f"{_count(added - known, 'new article')}, {known} already stored and recoded"
            if recode else f"{_count(added, 'new article')}, {known} already stored")
    err.print(f"{done}, {failures.count} failed;"
              f" {db} holds {_count(stats.get('articles', 0), 'article')} and "
              f"{_count(stats.get('events', 0), 'event')} in "
              f"{_count(linked.incidents, 'incident')}", highlight=False)
    if failures.count:
        raise typer.Exit(1)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _filters(date_from: str | None, date_to: str | None, country: str | None,
             actor: str | None, event_type: str | None, claimed_by: str | None,
             modality: str | None) -> EventFilter:
    return EventFilter(date_from=date_from, date_to=date_to, country=country, actor=actor,
                       event_type=event_type, claimed_by=claimed_by, modality=modality)


FromOpt = Annotated[str | None, typer.Option("--from", help="Events on or after this ISO date.")]
ToOpt = Annotated[str | None, typer.Option("--to", help="Events on or before this ISO date.")]
CountryOpt = Annotated[str | None, typer.Option(help="ISO-3 of an actor, recipient or place.")]
ActorOpt = Annotated[str | None, typer.Option(help="Text, name or code of an actor.")]
TypeOpt = Annotated[str | None, typer.Option("--type", help="PLOVER type(s), comma-separated.")]
ClaimOpt = Annotated[str | None, typer.Option(help="Claimant's country or code, e.g. AZE GOV.")]
ModalityOpt = Annotated[str | None, typer.Option(
    help="actual, negated, hypothetical, future or historical.")]


@app.command()
def events(
    db: DbOption = DEFAULT_DB,
    date_from: FromOpt = None, date_to: ToOpt = None, country: CountryOpt = None,
    actor: ActorOpt = None, event_type: TypeOpt = None, claimed_by: ClaimOpt = None,
    modality: ModalityOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="table, jsonl or csv.")] = "table",
    limit: Annotated[int | None, typer.Option(help="Show at most this many.")] = None,
) -> None:
    """List stored events, filtered."""
    _list_records(db, fmt, limit,
                  _filters(date_from, date_to, country, actor, event_type, claimed_by, modality),
                  Store.events, Store.export_events, event_table)


def _list_records(db: str, fmt: str, limit: int | None, filters: EventFilter,
                  read: Callable, export: Callable, as_table: Callable[[list], Table]) -> None:
    """Stored records as a table, JSONL or CSV: `read(store, filters, limit=)` gives them,
    `export(store, path, "csv", filters)` writes their CSV."""
    if fmt not in ("table", "jsonl", "csv"):
        raise _fail(EventwireError(f"unknown format {fmt!r}: use table, jsonl or csv"))
    try:
        with Store(db, read_only=True) as store:
            if fmt == "csv":
                with tempfile.TemporaryDirectory() as scratch:
                    target = Path(scratch) / "records.csv"
                    export(store, target, "csv", filters)
                    _copy_csv(target, limit)
                return
            found = read(store, filters, limit=limit)
    except EventwireError as error:
        raise _fail(error) from None
    if fmt == "jsonl":
        for record in found:
            sys.stdout.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
    else:
        # Piped output is not cut to 80 columns: a folded table is unreadable in a file.
        Console(width=None if sys.stdout.isatty() else 220).print(as_table(found))


def _copy_csv(path: Path, limit: int | None) -> None:
    """The header and the first `limit` rows (sentences may hold newlines, so parse the CSV)."""
    with path.open(encoding="utf-8", newline="") as source:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        for n, row in enumerate(csv.reader(source)):
            if limit is not None and n > limit:
                break
            writer.writerow(row)


def _codes(actors: list) -> str:
    return "; ".join(a.code or f'"{a.text}"' for a in actors)


def event_table(found: list[Event]) -> Table:
    """The events as a readable table, one row each."""
    table = Table(show_lines=False, header_style="bold")
    for column in ("date", "type", "cameo", "actor", "recipient", "where", "killed/injured",
                   "claimed by", "modality", "trigger"):
        table.add_column(column, overflow="fold")
    for e in found:
        date = e.date or ""
        if e.date_end and e.date_end != e.date:
            date = f"{date}..{e.date_end}"
        where = "; ".join(f"{p.name or p.text} ({p.country})" for p in e.locations)
        harm = "/".join("" if n is None else str(n) for n in (e.killed, e.injured))
        table.add_row(date, e.event_type + (f" {e.event_mode}" if e.event_mode else ""),
                      e.cameo or "", _codes(e.actors), _codes(e.recipients), where,
                      "" if harm == "/" else harm,
                      e.claimed_by.code or e.claimed_by.text if e.claimed_by else "",
                      e.modality, e.trigger.text)
    return table


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or '-' for stdin.")],
    explain: Annotated[bool, typer.Option(help="Keep the reasons behind each decision.")] = False,
    actors: ActorFiles = None,
    processes: ProcessesOpt = 1,
) -> None:
    """Code articles without a store: one JSON event record per line on stdout."""
    settings = _settings(actors=actors, processes=processes)
    failures = _Failures()
    try:
        pipeline = Pipeline(settings)
        articles = failures.articles(read_articles(
            paths, max_file_bytes=settings.max_file_bytes, stdin=sys.stdin))
        for _, found in pipeline.process_many(articles):
            for event in found:
                record = event.to_dict()
                if not explain:
                    record.pop("explain")
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    except EventwireError as error:
        raise _fail(error) from None
    if failures.count:
        raise typer.Exit(1)


@app.command()
def export(
    path: Annotated[str, typer.Argument(help="File to write (replaced atomically).")],
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[str, typer.Option("--format", help="jsonl, plover, csv or parquet.")] = "plover",
    date_from: FromOpt = None, date_to: ToOpt = None, country: CountryOpt = None,
    actor: ActorOpt = None, event_type: TypeOpt = None, claimed_by: ClaimOpt = None,
    modality: ModalityOpt = None,
) -> None:
    """Write stored events to a file: PLOVER JSONL, eventwire JSONL, CSV or Parquet."""
    if fmt not in EXPORT_FORMATS:
        raise _fail(EventwireError(f"unknown format {fmt!r}: use {', '.join(EXPORT_FORMATS)}"))
    filters = _filters(date_from, date_to, country, actor, event_type, claimed_by, modality)
    try:
        with Store(db, read_only=True) as store:
            written = store.export_events(path, fmt, filters)
    except EventwireError as error:
        raise _fail(error) from None
    err.print(f"{written} events written to {path}", highlight=False)


@app.command("link")
def link_command(
    db: DbOption = DEFAULT_DB,
    rebuild: Annotated[bool, typer.Option(
        "--rebuild", help="Relink every event (after changing thresholds).")] = False,
    explain: Annotated[bool, typer.Option(
        help="Say why reports were joined or kept apart.")] = False,
) -> None:
    """Group stored events into incidents; only events not yet in one are linked."""
    settings = _settings(db).link
    try:
        with Store(db) as store:
            stats = store.relink(settings) if rebuild else store.link(settings)
            changed = [store.incident(i) for i in stats.changed] if explain else []
    except EventwireError as error:
        raise _fail(error) from None
    err.print(f"{stats.events} events linked: {stats.created} new incidents, {stats.grown} "
              f"grown, {stats.merged} merged ({stats.compared} pairs compared); {db} holds "
              f"{stats.incidents} incidents", highlight=False)
    for incident in changed:
        if incident is not None and incident.explain:
            out.print(f"[bold]{incident.id}[/bold] {incident.event_type} {incident.date or ''} "
                      f"({incident.report_count} reports)", highlight=False)
            for line in incident.explain:
                out.print(f"  {line}", markup=False, highlight=False)


def _incident_where(incident: Incident) -> str:
    place = incident.location
    return f"{place.name or place.text} ({place.country})" if place else ""


def incident_table(found: list[Incident]) -> Table:
    """Incidents, one row each: merged fields, counts and the fields in conflict."""
    table = Table(header_style="bold")
    for column in ("id", "date", "type", "actor", "recipient", "where", "killed/injured",
                   "reports", "outlets", "claimants", "conflicts"):
        table.add_column(column, overflow="fold")
    for i in found:
        harm = "/".join("" if n is None else str(n) for n in (i.killed, i.injured))
        table.add_row(i.id, i.date or "", i.event_type, "; ".join(i.actors),
                      "; ".join(i.recipients), _incident_where(i), "" if harm == "/" else harm,
                      str(i.report_count), str(i.outlet_count), str(i.claimant_count),
                      ", ".join(c.field for c in i.conflicts))
    return table


@app.command("incidents")
def incidents_command(
    db: DbOption = DEFAULT_DB,
    date_from: FromOpt = None, date_to: ToOpt = None, country: CountryOpt = None,
    actor: ActorOpt = None, event_type: TypeOpt = None, claimed_by: ClaimOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="table, jsonl or csv.")] = "table",
    limit: Annotated[int | None, typer.Option(help="Show at most this many.")] = None,
) -> None:
    """List incidents that have at least one report matching the filters."""
    _list_records(db, fmt, limit,
                  _filters(date_from, date_to, country, actor, event_type, claimed_by, None),
                  Store.incidents, Store.export_incidents, incident_table)


@app.command("incident")
def incident_command(
    incident_id: Annotated[str, typer.Argument(help="Incident id, e.g. inc-6878f942cff2f867.")],
    db: DbOption = DEFAULT_DB,
    explain: Annotated[bool, typer.Option(help="Show why its reports were joined.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the record as JSON.")] = False,
) -> None:
    """Show one incident: merged fields with agreement, conflicts, claims and every report."""
    try:
        with Store(db, read_only=True) as store:
            incident = store.incident(incident_id)
    except EventwireError as error:
        raise _fail(error) from None
    if incident is None:
        raise _fail(EventwireError(f"no incident {incident_id!r} in {db}"))
    if as_json:
        sys.stdout.write(json.dumps(incident.to_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    console = Console(width=None if sys.stdout.isatty() else 220)
    for part in incident_view(incident):
        console.print(part)
    if explain:
        console.print("[bold]why these reports[/bold]")
        for line in incident.explain or ["a single report: nothing was joined"]:
            console.print(f"  {line}", markup=False, highlight=False)


def incident_view(incident: Incident) -> list[Table | str]:
    """The incident as printable parts: a headline and four tables."""
    disputed = {c.field for c in incident.conflicts}
    headline = (f"[bold]{incident.id}[/bold] {incident.event_type} {incident.date or ''} "
                f"{_incident_where(incident)}: {incident.report_count} reports, "
                f"{incident.outlet_count} outlets, {incident.claimant_count} claimants")
    merged = Table(title="merged fields", header_style="bold")
    for column in ("field", "value", "agreement"):
        merged.add_column(column)
    for a in incident.agreement:
        style = "bold red" if a.field in disputed else None
        merged.add_row(a.field, str(a.value), f"{a.support} of {a.total}"
                       + ("  CONFLICT" if a.field in disputed else ""), style=style)
    conflicts = Table(title="conflicts", header_style="bold red")
    for column in ("field", "version", "claimed by", "reports"):
        conflicts.add_column(column, overflow="fold")
    for c in incident.conflicts:
        for v in c.versions:
            conflicts.add_row(c.field, str(v.value), "; ".join(v.claimants),
                              str(len(v.report_ids)))
    claims = Table(title="claims: each claimant's version", header_style="bold")
    for column in ("claimant", "who attacked whom", "date", "place", "killed", "injured",
                   "reports"):
        claims.add_column(column, overflow="fold")
    for cl in incident.claims:
        claims.add_row(cl.claimant, cl.direction or "", cl.date or "", cl.place or "",
                       _num(cl.killed), _num(cl.injured), str(len(cl.report_ids)))
    reports = Table(title="reports", header_style="bold")
    for column in ("event", "outlet", "published", "claimed by", "type", "actor", "recipient",
                   "date", "place", "killed/injured", "sentence"):
        reports.add_column(column, overflow="fold")
    for r in incident.reports:
        who = (r.claimed_by.code or r.claimed_by.text) if r.claimed_by else ""
        reports.add_row(r.event_id, r.outlet or "", r.published or "", who, r.event_type,
                        "; ".join(r.actors), "; ".join(r.recipients), r.date or "",
                        r.place or "", f"{_num(r.killed)}/{_num(r.injured)}".strip("/"),
                        r.sentence)
    parts: list[Table | str] = [headline, merged]
    if incident.conflicts:
        parts.append(conflicts)
    return [*parts, claims, reports]


def _num(value: int | None) -> str:
    return "" if value is None else str(value)


@app.command("export-incidents")
def export_incidents(
    path: Annotated[str, typer.Argument(help="File to write (replaced atomically).")],
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv or parquet.")] = "jsonl",
    links: Annotated[bool, typer.Option(
        "--links", help="Write the report-to-incident links, one row per event.")] = False,
    date_from: FromOpt = None, date_to: ToOpt = None, country: CountryOpt = None,
    actor: ActorOpt = None, event_type: TypeOpt = None, claimed_by: ClaimOpt = None,
) -> None:
    """Write incidents (or their report links) to a file: JSONL, CSV or Parquet."""
    if fmt not in INCIDENT_EXPORT_FORMATS:
        raise _fail(EventwireError(
            f"unknown format {fmt!r}: use {', '.join(INCIDENT_EXPORT_FORMATS)}"))
    filters = _filters(date_from, date_to, country, actor, event_type, claimed_by, None)
    try:
        with Store(db, read_only=True) as store:
            written = store.export_incidents(path, fmt, filters, links=links)
    except EventwireError as error:
        raise _fail(error) from None
    what = "report links" if links else "incidents"
    err.print(f"{written} {what} written to {path}", highlight=False)


def load_suites() -> None:
    """Import every suite module so that each registers itself in SUITES."""
    for name in SUITE_MODULES:
        try:
            importlib.import_module(f"eventwire.evaluate.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"eventwire.evaluate.{name}":
                raise


def suite_report(result: SuiteResult) -> list[Table]:
    metrics = Table(title=f"{result.suite}: {result.path} ({result.items} items)",
                    header_style="bold")
    metrics.add_column("metric")
    metrics.add_column("value", justify="right")
    for name, value in result.metrics.items():
        metrics.add_row(name, "n/a" if value is None else
                        f"{value:.3f}" if isinstance(value, float) else str(value))
    tables = [metrics]
    for title, (header, rows) in result.tables.items():
        table = Table(title=title, header_style="bold")
        for column in header:
            table.add_column(str(column))
        for row in rows:
            table.add_row(*("" if cell is None else
                            f"{cell:.3f}" if isinstance(cell, float) else str(cell)
                            for cell in row))
        tables.append(table)
    return tables


@app.command()
def evaluate(
    suite: Annotated[str, typer.Argument(help="Suite name; see --help of this command.")],
    path: Annotated[str, typer.Argument(help="Gold file in the suite's format.")],
    json_out: Annotated[str | None, typer.Option("--json", help="Also write metrics here.")] = None,
) -> None:
    """Score eventwire against a labelled gold file and print the table."""
    load_suites()
    runner = SUITES.get(suite)
    if runner is None:
        raise _fail(EventwireError(
            f"unknown suite {suite!r}: choose one of {', '.join(sorted(SUITES))}"))
    try:
        result = runner(Path(path))
    except EventwireError as error:
        raise _fail(error) from None
    for table in suite_report(result):
        out.print(table)
    for note in result.notes:
        out.print(f"note: {note}", highlight=False)
    if json_out:
        Path(json_out).write_text(json.dumps({
            "suite": result.suite, "path": result.path, "items": result.items,
            "metrics": result.metrics, "notes": result.notes}, indent=2) + "\n",
            encoding="utf-8")


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on; 0.0.0.0 for every host.")] = (
        "127.0.0.1"),
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    api_key: Annotated[str | None, typer.Option(
        "--api-key", envvar="EVENTWIRE_API_KEY",
        help="Key that clients on other hosts must send to write (X-API-Key); without one, "
             "only this machine can write.")] = None,
    get: Annotated[str | None, typer.Option(
        "--get", help="Print the response to this path (e.g. /api/events) and exit.")] = None,
    actors: ActorFiles = None,
) -> None:
    """Serve the web app and the JSON API over the store (one process owns the store)."""
    import uvicorn

    from eventwire.api import create_app

    try:
        with Store(db) as store:
            web = create_app(store, _settings(db, actors), api_key=api_key)
            if get is not None:
                raise typer.Exit(_print_response(web, get))
            err.print(f"serving {db} on http://{host}:{port}/ (Ctrl-C stops)", highlight=False)
            uvicorn.run(web, host=host, port=port, log_level="warning")
    except EventwireError as error:
        raise _fail(error) from None


def _print_response(web: object, path: str) -> int:
    """Like `datasette --get`: one in-process request; non-zero exit for a 4xx/5xx."""
    import asyncio

    import httpx

    async def fetch() -> httpx.Response:
        transport = httpx.ASGITransport(app=web, client=("127.0.0.1", 0))  # type: ignore[arg-type]
        async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as client:
            return await client.get(path)

    response = asyncio.run(fetch())
    sys.stdout.write(response.text)
    if not response.text.endswith("\n"):
        sys.stdout.write("\n")
    return 0 if response.status_code < 400 else 1


def main() -> None:
    app()
