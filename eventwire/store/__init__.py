"""The DuckDB event store shared by the CLI, the Python API and later front ends."""

from eventwire.store.duckdb_store import EXPORT_FORMATS, ORDERS, EventFilter, Store

__all__ = ["EXPORT_FORMATS", "ORDERS", "EventFilter", "Store"]
