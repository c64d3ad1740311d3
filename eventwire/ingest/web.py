"""HTML pages -> Article, with trafilatura doing main-text and metadata extraction (offline)."""

from __future__ import annotations

import warnings

from eventwire.errors import IngestError
from eventwire.ingest.metadata import build_article
from eventwire.model import Article

# htmldate's extensive search guesses from any year on the page ("Copyright 2022" became
# 2022-01-01); a publication date must come from the page's date markup or not at all.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def article_from_html(html: str, *, path: str | None = None) -> Article:
    """The main text of a web page (navigation, footer, link lists dropped) as an Article.

    Title, date, outlet (site name), author and canonical URL come from the page's metadata;
    what the page lacks is read from the text as for plain-text articles.
    """
    import trafilatura  # 0.2 s to import; only pages pay for it

    with warnings.catch_warnings():
        # trafilatura 2.3.1 truth-tests lxml elements internally; not ours to fix.
        warnings.simplefilter("ignore", FutureWarning)
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False,
            date_extraction_params=_DATE_PARAMS,
        )
    if doc is None or not (doc.text or "").strip():
        raise IngestError("no article text found in the HTML page", path)
    lines = [line.strip() for line in doc.text.split("\n") if line.strip()]
    if doc.title and lines and lines[0] == doc.title.strip():
        lines = lines[1:]  # the page's <h1>, already the title
    # trafilatura gives one line per block; blank lines keep blocks apart as paragraphs.
    article = build_article("\n\n".join(lines), title=doc.title, url=doc.url,
                            published=doc.date, source=doc.sitename, byline=doc.author,
                            source_file=path)
    article.source = article.source or doc.hostname
    return article
