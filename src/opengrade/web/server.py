"""Serve the dashboard with uvicorn (127.0.0.1 unless told otherwise)."""

from __future__ import annotations

import uvicorn

from opengrade.web.app import create_app
from opengrade.web.context import Dashboard


def serve(dashboard: Dashboard, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the server until interrupted."""
    uvicorn.run(
        create_app(dashboard), host=host, port=port, log_level="warning", server_header=False
    )
