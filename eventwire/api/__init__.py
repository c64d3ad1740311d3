"""The HTTP API and web app over the store: `create_app(store, settings) -> FastAPI`."""

from eventwire.api.app import ApiError, create_app
from eventwire.api.desk import Desk, IngestReport

__all__ = ["ApiError", "Desk", "IngestReport", "create_app"]
