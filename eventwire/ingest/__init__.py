"""Ingest: text files, JSONL, HTML pages and stdin -> Articles (errors yielded, not raised)."""

from eventwire.ingest.readers import parse_text_article, read_articles
from eventwire.ingest.web import article_from_html

__all__ = ["article_from_html", "parse_text_article", "read_articles"]
