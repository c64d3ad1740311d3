"""The DuckDB event store shared by the CLI, the Python API and later front ends."""

from eventwire.store.duckdb_store import EXPORT_FORMATS, ORDERS, EventFilter, Store
from eventwire.store.incidents import INCIDENT_EXPORT_FORMATS, LinkStats

__all__ = ["EXPORT_FORMATS", "INCIDENT_EXPORT_FORMATS", "ORDERS", "EventFilter", "LinkStats",
           "Store"]
