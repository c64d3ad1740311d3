"""Ingest: every input form, the metadata rules, and one clear error per bad input."""

from __future__ import annotations

import codecs
import dataclasses
import io
import json
import os
import threading
from pathlib import Path

import pytest

from eventwire.errors import IngestError
from eventwire.ingest import article_from_html, parse_text_article, read_articles
from eventwire.ingest.metadata import (
    drop_boilerplate,
    find_dateline,
    find_outlet,
    find_published,
    normalise_date,
    split_byline,
)
from eventwire.model import Article

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "ingest"
EXPECTATIONS = json.loads((ROOT / "tests/data/sample_expectations.json").read_text("utf-8"))
NEWS = "The army said on Monday that ten soldiers were killed in clashes near the border town."


def articles(items: list[Article | IngestError]) -> list[Article]:
    return [a for a in items if isinstance(a, Article)]


def errors(items: list[Article | IngestError]) -> list[IngestError]:
    return [e for e in items if isinstance(e, IngestError)]


def one_error(path: Path | str, **kwargs: object) -> str:
    items = list(read_articles([path], **kwargs))  # type: ignore[arg-type]
    assert len(items) == 1 and isinstance(items[0], IngestError), items
    message = str(items[0])
    assert "\n" not in message and message.startswith(str(path))
    return message


# --- the bundled samples ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def samples() -> dict[str, Article]:
    old = os.getcwd()
    os.chdir(ROOT)  # source_file is the path as given, and the expectations key "samples/..."
    try:
        items = list(read_articles(["samples"]))
    finally:
        os.chdir(old)
    assert not errors(items)
    return {a.source_file: a for a in articles(items) if a.source_file}


def test_samples_folder_skips_readme_and_reads_in_order(samples: dict[str, Article]) -> None:
    assert list(samples) == sorted(EXPECTATIONS)


@pytest.mark.parametrize("key", sorted(EXPECTATIONS))
def test_sample_metadata_matches_expectations(samples: dict[str, Article], key: str) -> None:
    article = samples[key]
    expected = EXPECTATIONS[key]["article"]
    for field in ("title", "published", "published_source", "source", "byline"):
        assert getattr(article, field) == expected[field], field
    if "dateline" in expected:
        dateline = find_dateline(article.text)
        assert dateline is not None and dateline.text == expected["dateline"]
    for line in expected.get("dropped_lines", []):
        assert line not in article.text
    # Only whole boilerplate lines go: every other body line is still there, unchanged.
    body = (ROOT / key).read_text("utf-8").split("\n\n", 1)[1]
    dropped = set(expected.get("dropped_lines", []))
    for line in body.splitlines():
        if line.strip() and line.strip() not in dropped:
            assert line in article.text
    for event in EXPECTATIONS[key]["events"]:
        assert event["sentence_contains"] in article.text


def test_reingest_is_deterministic() -> None:
    first = [dataclasses.asdict(a) for a in read_articles([ROOT / "samples", DATA])]
    second = [dataclasses.asdict(a) for a in read_articles([ROOT / "samples", DATA])]
    assert first == second
    assert len({a["id"] for a in first}) == len(first)


# --- plain text -------------------------------------------------------------------------------


def test_header_keys_are_case_insensitive_and_author_is_byline() -> None:
    article = parse_text_article("TITLE: A title\npublished: 2021-11-18T10:40:00+04:00\n"
                                 "source: Example Post\nurl: https://example.org/x\n"
                                 f"Author: Jane Roe\n\n{NEWS}")
    assert (article.title, article.source, article.url, article.byline) == (
        "A title", "Example Post", "https://example.org/x", "Jane Roe")
    assert article.published == "2021-11-18T10:40:00+04:00"
    assert article.published_source == "given"
    assert article.text == NEWS


def test_unparsable_published_header_falls_back_to_the_text() -> None:
    article = parse_text_article(f"Title: T\nPublished: yesterday\n\n"
                                 f"Posted on 5 May 2021\n\n{NEWS}")
    assert (article.published, article.published_source) == ("2021-05-05", "text")


def test_a_colon_in_the_first_paragraph_is_not_a_header() -> None:
    raw = f"BAKU: {NEWS}\n\nSecond paragraph of the report, with more words in it."
    article = parse_text_article(raw)
    assert article.title is None
    assert article.text == raw


def test_plain_text_without_header_reads_metadata_from_the_text() -> None:
    article = parse_text_article((DATA / "wire.txt").read_text("utf-8"))
    assert article.published == "2022-03-04" and article.published_source == "text"
    assert article.source == "Caspian Example Agency"
    assert article.byline == "Leyla Example"
    assert article.text.startswith("Politics 4 March 2022 09:15 (UTC +04:00)\n\nGANJA, Azerbaijan")
    for gone in ("Share this", "By Leyla Example", "Related Articles",
                 "Regional budget approved for next year", "Bus fares to rise", "Leave a Reply"):
        assert gone not in article.text
    assert "Share prices of the local bus company fell" in article.text
    assert article.text.endswith("traders said.")


def test_header_without_body_is_an_error() -> None:
    with pytest.raises(IngestError, match="no article text after the header"):
        parse_text_article("Title: Only a title\nSource: X\n\n   \n")


# --- metadata rules ---------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    (f"13 September 2022 10:40 (UTC+04:00)\n\n{NEWS}", "2022-09-13"),
    (f"date 2020-07-24\nSome headline\n\n{NEWS}", "2020-07-24"),
    (f"date 2020-07-24 {NEWS} {NEWS}", "2020-07-24"),  # one long line: a labelled date
    (f"Some headline\nPublished: March 3, 2021\n\n{NEWS}", "2021-03-03"),
    (f"Politics Materials 6 November 2021\n\n{NEWS}", "2021-11-06"),
    (f"BAKU, Nov. 6, 2021 (Trend) - {NEWS}", "2021-11-06"),
    # Dateline without a year: the latest full date in the text gives it.
    (f"BAKU, Azerbaijan, Nov. 6. {NEWS} The talks of November 4, 2021 failed.", "2021-11-06"),
    (f"BAKU, Jan. 3. {NEWS} A deal was signed on December 28, 2021.", "2022-01-03"),
    (f"YEREVAN, DECEMBER 3, ARMENPRESS. {NEWS} Trade grew in December 2021.", "2021-12-03"),
    # A headline holding a date is not a publication date; event dates in paragraphs neither.
    (f"Ceasefire of 10 November 2020 holds in the region\n\n{NEWS}", None),
    (f"The ceasefire of November 10, 2020 held, the ministry said on Monday. {NEWS}", None),
    # Background years alone do not date a dateline.
    (f"BAKU, Nov. 6. {NEWS} Relations were established in 1992.", None),
])
def test_publication_date_from_text(text: str, expected: str | None) -> None:
    assert find_published(text, find_dateline(text)) == expected
    article = parse_text_article(text)
    assert article.published == expected
    assert article.published_source == ("text" if expected else "none")


@pytest.mark.parametrize(("value", "expected"), [
    ("2021-11-18", "2021-11-18"),
    ("2021-11-18T10:40:00Z", "2021-11-18T10:40:00+00:00"),
    ("2022-09-13 10:40:00+04:00", "2022-09-13T10:40:00+04:00"),
    ("Tue, 13 Sep 2022 10:40:00 +0400", "2022-09-13T10:40:00+04:00"),
    ("13 September 2022", "2022-09-13"),
    ("Sept. 13, 2022", "2022-09-13"),
    ("31 February 2022", None),
    ("soon", None),
    ("", None),
])
def test_normalise_given_dates(value: str, expected: str | None) -> None:
    assert normalise_date(value) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The minister spoke to journalists, Trend reports.", "Trend"),
    ("Talks will resume in Baku, Report informs.", "Report"),
    ("Azernews reports citing the ministry that talks resumed.", "Azernews"),
    ("The army repelled the attack, APA reports.", "APA"),
    ("Ten people were hurt, Reuters reported.", "Reuters"),
    ("BAKU, Nov. 6 (Trend) - The minister met his counterpart.", "Trend"),
    ("YEREVAN, DECEMBER 3, ARMENPRESS. The minister met his counterpart.", "ARMENPRESS"),
    ("They spoke, the press service of the Armenian Foreign Ministry reports.", None),
    ("Troops withdrew, the Defence Ministry reported.", None),
    ("The minister said the talks went well.", None),
])
def test_outlet_from_text(text: str, expected: str | None) -> None:
    assert find_outlet(text, find_dateline(text)) == expected


def test_byline_line_is_taken_out() -> None:
    byline, text = split_byline(f"By Anna Maria Example, Example Post\n\n{NEWS}")
    assert (byline, text) == ("Anna Maria Example", NEWS)
    # A sentence opening with "By" is news, not a byline.
    raw = "By Tuesday, the army had withdrawn from the two villages."
    assert split_byline(raw) == (None, raw)


BOILERPLATE = [
    "Follow us on Twitter", "Leave a Reply", "Back to top button", "Share this", "Share",
    "Subscribe to our newsletter", "Read also: Talks resume in Baku", "Advertisement",
    "Copyright 2021 Example News", "© 2022 Example Daily. All rights reserved.",
    "We use cookies to improve your experience on our website.", "Tags: politics, border",
]
NOT_BOILERPLATE = [
    "Share prices fell 3% on Monday, traders said.",
    "The ministry said it would follow up on complaints posted on Twitter.",
    "Copyright disputes between the two broadcasters reached the court on Monday.",
    "The factory exported 300 tonnes of cookies to Georgia last year.",
    "Related talks will continue next week in Geneva.",
    "The cookie factory site was closed after the shelling.",
]


def test_boilerplate_lines_go_and_news_lines_stay() -> None:
    text = "\n".join(["Opening line of the report."] + BOILERPLATE + NOT_BOILERPLATE)
    cleaned, dropped = drop_boilerplate(text)
    assert dropped == BOILERPLATE
    assert cleaned == "\n".join(["Opening line of the report."] + NOT_BOILERPLATE)


def test_related_list_ends_at_a_sentence() -> None:
    text = ("Related Articles\nBorder commission to meet - MFA\n\n"
            "The minister also said the talks would go on.\nSecond headline-like line")
    cleaned, dropped = drop_boilerplate(text)
    assert dropped == ["Related Articles", "Border commission to meet - MFA"]
    assert cleaned == "The minister also said the talks would go on.\nSecond headline-like line"


# --- JSONL ------------------------------------------------------------------------------------


def test_jsonl_bad_lines_are_reported_and_good_lines_survive(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"text": NEWS, "title": "One", "published": "2021-11-18", "id": 7,
                    "source": "Example Post", "url": "https://example.org/1", "byline": "A B"}),
        "{not json",
        "",
        json.dumps(["a list"]),
        json.dumps({"title": "no text", "body": NEWS}),
        json.dumps({"text": "   "}),
        json.dumps({"text": NEWS, "title": {"nested": 1}}),
        json.dumps({"text": "Second article. " + NEWS, "date": "sometime"}),
        json.dumps({"text": "Third. " + NEWS, "published": 1636185600, "title": "  Three \n"}),
    ]
    path.write_bytes(("\n".join(lines) + "\n").encode() + b'{"text": "caf\xe9"}\n')
    items = list(read_articles([path]))
    good = articles(items)
    assert [(a.source_line, a.title) for a in good] == [(1, "One"), (8, None), (9, "Three")]
    first = good[0]
    assert (first.id, first.published, first.published_source, first.source, first.url,
            first.byline, first.source_file) == ("7", "2021-11-18", "given", "Example Post",
                                                  "https://example.org/1", "A B", str(path))
    assert (good[1].published, good[1].published_source) == (None, "none")
    assert (good[2].published, good[2].published_source) == ("2021-11-06T08:00:00+00:00", "given")
    messages = [str(e) for e in errors(items)]
    assert [e.line for e in errors(items)] == [2, 4, 5, 6, 7, 10]
    assert messages[0].startswith(f"{path}:2: not valid JSON")
    assert "not an object" in messages[1]
    assert 'no "text" field (keys: body, title)' in messages[2]
    assert '"text" is empty' in messages[3]
    assert '"title" is a dict' in messages[4]
    assert "not UTF-8 (byte 0xe9" in messages[5]


def test_jsonl_half_a_surrogate_pair_is_a_clear_error_on_its_line(tmp_path: Path) -> None:
    """ "\\ud83d" alone is valid JSON that decodes to no Unicode text: it crashed the batch (an
    encoding error when naming the article) instead of failing its own line."""
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "Protesters marched \\ud83d in Yerevan."}\n'
                    '{"text": "Police fired tear gas.", "title": "Tear \\udc00gas"}\n'
                    '{"text": "A smile \\ud83d\\ude00 in the crowd."}\n', encoding="utf-8")
    items = list(read_articles([path]))
    assert [(e.line, str(e).split(": ", 1)[1]) for e in errors(items)] == [
        (1, '"text" holds half of a UTF-16 surrogate pair (\\ud83d at character 20), which is '
            "not Unicode text"),
        (2, '"title" holds half of a UTF-16 surrogate pair (\\udc00 at character 6), which is '
            "not Unicode text")]
    assert [a.text for a in articles(items)] == ["A smile \U0001F600 in the crowd."]


def test_jsonl_is_streamed(tmp_path: Path) -> None:
    """The first article arrives while the writer has not finished the file."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("needs a FIFO")
    fifo = tmp_path / "live.jsonl"
    os.mkfifo(fifo)
    first_seen = threading.Event()
    second_written = threading.Event()

    def writer() -> None:
        with open(fifo, "w", encoding="utf-8") as out:
            out.write(json.dumps({"text": NEWS}) + "\n")
            out.flush()
            # Line two only once line one came back (or after 5 s, so a greedy reader ends).
            first_seen.wait(5)
            out.write(json.dumps({"text": "Later. " + NEWS}) + "\n")
            second_written.set()

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    stream = read_articles([fifo])
    first = next(stream)
    assert not second_written.is_set()
    assert isinstance(first, Article) and first.source_line == 1
    first_seen.set()
    rest = list(stream)
    thread.join(5)
    assert [a.source_line for a in articles(rest)] == [2]


def test_jsonl_with_boms(tmp_path: Path) -> None:
    line = json.dumps({"text": "Öz " + NEWS}, ensure_ascii=False) + "\n"
    utf8 = tmp_path / "bom8.jsonl"
    utf8.write_bytes(codecs.BOM_UTF8 + line.encode())
    utf16 = tmp_path / "bom16.jsonl"
    utf16.write_bytes(line.encode("utf-16"))
    items = list(read_articles([utf8, utf16]))
    assert [a.text for a in articles(items)] == ["Öz " + NEWS] * 2


# --- stdin, explicit files, folders -----------------------------------------------------------


def test_stdin_jsonl_and_plain_text() -> None:
    feed = io.StringIO(json.dumps({"text": NEWS}) + "\n\n" + json.dumps({"text": "B. " + NEWS}))
    items = list(read_articles(["-"], stdin=feed))
    assert [(a.source_file, a.source_line) for a in articles(items)] == [
        ("<stdin>", 1), ("<stdin>", 3)]
    plain = list(read_articles(["-"], stdin=io.StringIO(f"Title: T\n\n{NEWS}\n{{not json")))
    assert len(plain) == 1 and plain[0].title == "T" and plain[0].source_file == "<stdin>"
    assert "empty file" in str(next(read_articles(["-"], stdin=io.StringIO(""))))
    over = next(read_articles(["-"], stdin=io.StringIO(NEWS), max_file_bytes=10))
    assert str(over) == "<stdin>: input is over the 10 bytes limit (set max_file_bytes)"


def test_explicit_files_are_sniffed_whatever_their_extension(tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(f"Title: From markdown\n\n{NEWS}", "utf-8")
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps({"text": NEWS}) + "\n" + json.dumps({"text": "B. " + NEWS}))
    page = tmp_path / "page.dat"
    page.write_text((DATA / "page.html").read_text("utf-8"), "utf-8")
    items = list(read_articles([notes, feed, page]))
    assert [a.title for a in articles(items)] == [
        "From markdown", None, None, "Georgia and Azerbaijan sign rail memorandum"]
    assert [a.source_line for a in articles(items)] == [None, 1, 2, None]


def test_folder_walk_is_recursive_sorted_and_skips_furniture(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "z.text").write_text("Z. " + NEWS)
    (tmp_path / "a.txt").write_text("A. " + NEWS)
    (tmp_path / "c.html").write_text((DATA / "page.html").read_text("utf-8"))
    (tmp_path / "feed.ndjson").write_text(json.dumps({"text": "F. " + NEWS}))
    for skipped in ("README.md", "README.txt", "LICENSE.txt", ".hidden.txt", "notes.md",
                    "data.json", ".git/x.txt"):
        (tmp_path / skipped).write_text("S. " + NEWS)
    items = list(read_articles([str(tmp_path)]))
    assert not errors(items)
    assert [Path(a.source_file or "").relative_to(tmp_path).as_posix() for a in items] == [
        "a.txt", "c.html", "feed.ndjson", "b/z.text"]
    assert all(a.source_file and a.source_file.startswith(str(tmp_path)) for a in articles(items))


def test_folder_with_nothing_readable(tmp_path: Path) -> None:
    (tmp_path / "README.txt").write_text(NEWS)
    (tmp_path / "notes.md").write_text(NEWS)
    assert "no articles found" in one_error(tmp_path)


# --- bad inputs -------------------------------------------------------------------------------


def test_empty_and_whitespace_files(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blank.txt").write_text("  \n\n\t\n")
    (tmp_path / "blank.jsonl").write_text("\n\n")
    assert one_error(tmp_path / "empty.txt").endswith(": empty file")
    assert one_error(tmp_path / "blank.txt").endswith(": file holds only whitespace")
    assert one_error(tmp_path / "blank.jsonl").endswith(": empty file")


def test_binary_files(tmp_path: Path) -> None:
    (tmp_path / "img.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (tmp_path / "ctrl.txt").write_bytes(bytes(range(1, 32)) * 20)
    (tmp_path / "img.jsonl").write_bytes(b"\x00\x01\x02" * 50)
    assert "binary file (NUL bytes)" in one_error(tmp_path / "img.txt")
    assert "binary file (mostly control bytes)" in one_error(tmp_path / "ctrl.txt")
    assert "binary file" in one_error(tmp_path / "img.jsonl")


def test_not_utf8_is_refused_with_the_byte_and_offset(tmp_path: Path) -> None:
    path = tmp_path / "cp1252.txt"
    path.write_bytes(f"Title: T\n\n{NEWS} Caf".encode() + b"\xe9 talks.")
    message = one_error(path)
    offset = len(f"Title: T\n\n{NEWS} Caf")
    assert message == (f"{path}: not UTF-8 (byte 0xe9 at offset {offset}); convert it, "
                       "e.g. iconv -f cp1252 -t utf-8")


def test_utf8_bom_and_utf16_text_files(tmp_path: Path) -> None:
    raw = f"Title: Ağdam\n\n{NEWS}"
    (tmp_path / "bom.txt").write_bytes(codecs.BOM_UTF8 + raw.encode())
    (tmp_path / "u16.txt").write_bytes(raw.encode("utf-16"))
    items = list(read_articles([tmp_path / "bom.txt", tmp_path / "u16.txt"]))
    assert [(a.title, a.text) for a in articles(items)] == [("Ağdam", NEWS)] * 2


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"text": NEWS}) + "\n" + "x" * 2048)
    assert one_error(path, max_file_bytes=2048) == (
        f"{path}: file is 2 KB, over the 2 KB limit (set max_file_bytes)")
    assert list(read_articles([path], max_file_bytes=4096))  # read once the limit allows it
    small = tmp_path / "small.txt"
    small.write_text(NEWS)
    assert f"file is {len(NEWS)} bytes, over the 10 bytes limit" in one_error(
        small, max_file_bytes=10)


def test_missing_and_unreadable_paths(tmp_path: Path) -> None:
    assert one_error(tmp_path / "nope.txt").endswith(": no such file or directory")
    if os.geteuid() == 0:
        pytest.skip("root reads files whatever their mode")
    locked = tmp_path / "locked.txt"
    locked.write_text(NEWS)
    locked.chmod(0)
    try:
        assert one_error(locked).endswith(": permission denied")
    finally:
        locked.chmod(0o644)


def test_a_bad_file_does_not_stop_the_batch(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(NEWS)
    items = list(read_articles([tmp_path / "missing.txt", tmp_path / "good.txt"]))
    assert [type(i) for i in items] == [IngestError, Article]


# --- HTML -------------------------------------------------------------------------------------


def test_html_page_keeps_the_article_and_drops_the_furniture() -> None:
    article = article_from_html((DATA / "page.html").read_text("utf-8"), path="page.html")
    assert article.title == "Georgia and Azerbaijan sign rail memorandum"
    assert (article.published, article.published_source) == ("2022-09-13", "given")
    assert article.source == "Caucasus Example Daily"
    assert article.byline == "Nino Example"
    assert article.url == "https://example.org/daily/politics/rail-memorandum"
    assert article.text.startswith("TBILISI, Sept. 13. The transport ministers")
    assert "agreed to meet again in Baku in December" in article.text
    assert article.text.count("\n\n") == 2  # three paragraphs
    for gone in ("Home", "Politics", "Follow us", "Related Articles", "Port traffic grows",
                 "Copyright", "cookies", "Back to top", "memorandum\n"):
        assert gone not in article.text


def test_html_without_metadata_reads_the_text() -> None:
    html = (f"<html><body><div><p>BAKU, Nov. 6, 2021 (Trend) - {NEWS}</p>"
            f"<p>Second paragraph. {NEWS}</p></div></body></html>")
    article = article_from_html(html)
    assert (article.published, article.published_source) == ("2021-11-06", "text")
    assert article.source == "Trend" and article.title is None


def test_html_without_text_is_an_error(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>x</title></head><body><script>var x = 1;</script>"
                    "</body></html>")
    assert one_error(page).endswith(": no article text found in the HTML page")
