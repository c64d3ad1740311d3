"""The link stage: event records (reports) -> incidents. Pure functions, no store."""

from eventwire.link.incident import build_incident, claims, report_of
from eventwire.link.linker import Cluster, LinkItem, LinkResult, gc_paused, incident_id, link

__all__ = ["Cluster", "LinkItem", "LinkResult", "build_incident", "claims", "gc_paused",
           "incident_id", "link", "report_of"]
