"""Files, folders and stdin -> Articles, with one IngestError per input that cannot be read.

Errors are yielded, not raised, so one bad file or line never stops a batch. JSONL is streamed
line by line; other files are read whole (they are single articles, capped by max_file_bytes).
"""

from __future__ import annotations

import codecs
import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from eventwire.errors import IngestError
from eventwire.ingest.metadata import build_article, parse_header
from eventwire.ingest.web import article_from_html
from eventwire.model import Article

DEFAULT_MAX_FILE_BYTES = 100 * 1024 * 1024
STDIN = "-"
STDIN_NAME = "<stdin>"
TEXT_SUFFIXES = (".txt", ".text")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
HTML_SUFFIXES = (".html", ".htm")
FOLDER_SUFFIXES = TEXT_SUFFIXES + JSONL_SUFFIXES + HTML_SUFFIXES
SKIPPED_PREFIXES = ("readme", "license", "licence", "copying")
SNIFF_BYTES = 8192
JSON_FIELDS = ("title", "url", "published", "source", "byline", "id")
# Names other tools use for the same JSONL fields.
JSON_ALIASES = {"date": "published", "author": "byline"}

Item = Article | IngestError


def read_articles(paths: Iterable[str | Path], *, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
                  stdin: TextIO | None = None) -> Iterator[Item]:
    """Articles from files, folders (recursive, sorted) and "-" (stdin), lazily, in order.

    A folder contributes its .txt/.text/.jsonl/.ndjson/.html/.htm files, skipping hidden files
    and README/LICENSE; a file named explicitly is read whatever its extension.
    """
    for given in paths:
        shown = str(given)
        if shown == STDIN:
            yield from _read_stdin(stdin if stdin is not None else sys.stdin, max_file_bytes)
        elif os.path.isdir(given):
            yield from _read_folder(shown, max_file_bytes)
        else:
            yield from _read_file(shown, max_file_bytes)


def parse_text_article(raw: str, *, path: str | None = None) -> Article:
    """A plain-text article: optional `Key: value` header block, blank line, body."""
    header, body = parse_header(raw.replace("\r\n", "\n").replace("\r", "\n"))
    if not body.strip():
        raise IngestError("no article text after the header" if header else "empty file", path)
    return build_article(body, title=header.get("title"), url=header.get("url"),
                         published=header.get("published"), source=header.get("source"),
                         byline=header.get("byline"), id=header.get("id"), source_file=path)


# --- sources ----------------------------------------------------------------------------------


def _read_stdin(stream: TextIO, max_bytes: int) -> Iterator[Item]:
    # Whether stdin is JSONL depends on every line, so it is read whole (within the cap).
    try:
        text = stream.read(max_bytes + 1)
    except UnicodeDecodeError as exc:
        yield IngestError(f"not UTF-8 (byte 0x{exc.object[exc.start]:02x})", STDIN_NAME)
        return
    if len(text) > max_bytes:
        yield IngestError(_over_limit("input is", max_bytes), STDIN_NAME)
        return
    yield from _from_text(text, STDIN_NAME)


def _read_folder(folder: str, max_bytes: int) -> Iterator[Item]:
    found = False
    for item in _folder_files(folder):
        found = True
        if isinstance(item, IngestError):
            yield item
        else:
            yield from _read_file(item, max_bytes)
    if not found:
        yield IngestError("no articles found (no .txt, .text, .jsonl, .ndjson, .html or .htm "
                          "files)", folder)


def _folder_files(folder: str) -> Iterator[str | IngestError]:
    """Candidate files under `folder`, depth first, names sorted, so every run reads one order."""
    errors: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=errors.append):
        while errors:
            exc = errors.pop()
            yield IngestError(_os_message(exc), exc.filename or root)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            lower = name.lower()
            if lower.startswith(".") or lower.startswith(SKIPPED_PREFIXES):
                continue
            if lower.endswith(FOLDER_SUFFIXES):
                yield os.path.join(root, name)
    for exc in errors:
        yield IngestError(_os_message(exc), exc.filename or folder)


def _read_file(path: str, max_bytes: int) -> Iterator[Item]:
    try:
        size = os.stat(path).st_size
        if size > max_bytes:
            yield IngestError(_over_limit(f"file is {_size(size)},", max_bytes), path)
            return
        with open(path, "rb") as fh:
            # peek, not read: a pipe or FIFO must not block waiting for 8 KB before line one.
            head = fh.peek(SNIFF_BYTES)[:SNIFF_BYTES]
            problem = _sniff(head)
            if problem:
                yield IngestError(problem, path)
            elif path.lower().endswith(JSONL_SUFFIXES):
                yield from _jsonl_stream(fh, path, max_bytes)
            else:
                data = fh.read(max_bytes + 1)
                if len(data) > max_bytes:  # a pipe or device whose stat size said nothing
                    yield IngestError(_over_limit("file is", max_bytes), path)
                else:
                    yield from _from_text(_decode(data, path), path,
                                          html=path.lower().endswith(HTML_SUFFIXES))
    except IngestError as exc:
        yield exc
    except OSError as exc:
        yield IngestError(_os_message(exc), path)


def _from_text(text: str, path: str, *, html: bool = False) -> Iterator[Item]:
    """One decoded input: an HTML page, JSONL held in memory, or one plain-text article."""
    if not text.strip():
        yield IngestError("empty file" if text == "" else "file holds only whitespace", path)
        return
    if "\x00" in text:
        yield IngestError("binary file (NUL characters), not text", path)
        return
    start = text.lstrip().lstrip("\ufeff")[:20].lower()
    try:
        if html or start.startswith(("<!doctype html", "<html")):
            yield article_from_html(text, path=path)
        elif all(line.lstrip().startswith("{") for line in text.split("\n") if line.strip()):
            yield from _jsonl_lines(enumerate(io.StringIO(text), 1), path)
        else:
            yield parse_text_article(text, path=path)
    except IngestError as exc:
        yield exc


# --- JSONL ------------------------------------------------------------------------------------


def _jsonl_stream(fh: BinaryIO, path: str, max_bytes: int) -> Iterator[Item]:
    """Decode a JSONL file one line at a time; a bad byte costs its own line only."""
    if fh.peek(2)[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        yield from _jsonl_lines(enumerate(io.TextIOWrapper(fh, encoding="utf-16"), 1), path)
        return

    def lines() -> Iterator[tuple[int, str | IngestError]]:
        total = 0
        for lineno, raw in enumerate(fh, 1):
            total += len(raw)
            if total > max_bytes:  # grew past the cap while being read
                yield lineno, IngestError(_over_limit("file is", max_bytes), path, lineno)
                return
            if lineno == 1:
                raw = raw.removeprefix(codecs.BOM_UTF8)
            try:
                yield lineno, raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield lineno, IngestError(f"not UTF-8 (byte 0x{raw[exc.start]:02x} at column "
                                          f"{exc.start + 1})", path, lineno)

    yield from _jsonl_lines(lines(), path)


def _jsonl_lines(lines: Iterable[tuple[int, str | IngestError]], path: str) -> Iterator[Item]:
    any_line = False
    for lineno, line in lines:
        if isinstance(line, IngestError):
            any_line = True
            yield line
            continue
        if not line.strip():
            continue
        any_line = True
        try:
            yield _json_article(line, path, lineno)
        except IngestError as exc:
            yield exc
    if not any_line:
        yield IngestError("empty file", path)


def _json_article(line: str, path: str, lineno: int) -> Article:
    try:
        record: Any = json.loads(line)
    except json.JSONDecodeError as exc:
        raise IngestError(f"not valid JSON ({exc.msg} at column {exc.colno})", path,
                          lineno) from None
    if not isinstance(record, dict):
        raise IngestError(f"a JSON {type(record).__name__}, not an object with a \"text\" field",
                          path, lineno)
    text = record.get("text")
    if text is None:
        keys = ", ".join(sorted(record)[:8]) or "none"
        raise IngestError(f'no "text" field (keys: {keys})', path, lineno)
    if not isinstance(text, str):
        raise IngestError(f'"text" is a {type(text).__name__}, not a string', path, lineno)
    if not text.strip():
        raise IngestError('"text" is empty', path, lineno)
    fields: dict[str, str] = {}
    for key in (*JSON_FIELDS, *JSON_ALIASES):  # a field's own name wins over its alias
        name = JSON_ALIASES.get(key, key)
        value = record.get(key)
        if value is None or name in fields:
            continue
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise IngestError(f'"{key}" is a {type(value).__name__}, not a string', path, lineno)
        if name == "published" and not isinstance(value, str):
            value = _from_epoch(value)
        fields[name] = str(value)
    for key, value in (("text", text), *fields.items()):
        if (half := _LONE_SURROGATE.search(value)) is not None:
            raise IngestError(f'"{key}" holds half of a UTF-16 surrogate pair '
                              f"(\\u{ord(half.group()):04x} at character {half.start() + 1}), "
                              "which is not Unicode text", path, lineno)
    return build_article(text, source_file=path, source_line=lineno, **fields)


# JSON may escape one half of a surrogate pair alone ("\ud83d"); Python decodes it into a
# string that no UTF-8 encoder accepts.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


# --- bytes ------------------------------------------------------------------------------------


def _sniff(head: bytes) -> str | None:
    """Why the first bytes of a file show it is not an article, or None."""
    if not head:
        return "empty file"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    if b"\x00" in head:
        return "binary file (NUL bytes), not text"
    controls = sum(1 for b in head if b < 32 and b not in b"\t\n\r\f\x0b\x1b" or b == 127)
    if controls > len(head) // 10:
        return "binary file (mostly control bytes), not text"
    return None


def _decode(data: bytes, path: str) -> str:
    """UTF-8 (BOM or not), or UTF-16 when a BOM says so; anything else is an error.

    Not guessing cp1252/latin-1 is deliberate: a wrong guess turns names into mojibake that flows
    into event records unnoticed, while the error names the byte and the file, and the user's
    one-line conversion (iconv) keeps every character.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise IngestError(f"bad UTF-16 at offset {exc.start}", path) from None
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = bom + exc.start
        raise IngestError(f"not UTF-8 (byte 0x{data[offset]:02x} at offset {offset}); convert "
                          "it, e.g. iconv -f cp1252 -t utf-8", path) from None


def _from_epoch(value: float) -> str:
    """A numeric publication date is a Unix time, in milliseconds when it is that large."""
    seconds = value / 1000 if value > 1e11 else value
    try:
        return datetime.fromtimestamp(seconds, UTC).isoformat()
    except (OverflowError, OSError, ValueError):
        return str(value)  # not a time after all: the text is asked instead


def _over_limit(what: str, max_bytes: int) -> str:
    return f"{what} over the {_size(max_bytes)} limit (set max_file_bytes)"


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.0f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} bytes"


def _os_message(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return (exc.strerror or str(exc)).lower()
