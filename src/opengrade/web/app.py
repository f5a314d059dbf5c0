"""The Starlette application: page and download routes, the API, error pages (a 4xx page for
a bad address or query, a plain page without a trace for anything unexpected), headers."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from importlib import resources

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from opengrade.errors import OpengradeError
from opengrade.web import api, pages
from opengrade.web.context import Dashboard, NotFound, find_release
from opengrade.web.downloads import KINDS, render_download
from opengrade.web.openapi import openapi
from opengrade.web.params import BadParameter
from opengrade.web.security import SecurityHeaders
from opengrade.web.templating import render

_LOG = logging.getLogger("opengrade.web")
Handler = Callable[[Request], Awaitable[Response]]


def _dashboard(request: Request) -> Dashboard:
    found: Dashboard = request.app.state.dashboard
    return found


def _query(request: Request) -> dict[str, str]:
    return dict(request.query_params)


async def portfolio(request: Request) -> Response:
    return HTMLResponse(pages.portfolio(_dashboard(request)))


async def releases(request: Request) -> Response:
    return HTMLResponse(pages.releases(_dashboard(request), _query(request)))


async def release(request: Request) -> Response:
    path = request.path_params
    key = request.query_params.get("key")
    return HTMLResponse(pages.release(_dashboard(request), path["organisation"], path["name"], key))


async def diff(request: Request) -> Response:
    path = request.path_params
    html = pages.diff(_dashboard(request), path["organisation"], path["name"], _query(request))
    return HTMLResponse(html)


async def download(request: Request) -> Response:
    path = request.path_params
    kind = path["kind"]
    if kind not in KINDS:
        raise BadParameter(f"downloads are: {', '.join(KINDS)}")
    dashboard = _dashboard(request)
    stored = find_release(
        dashboard, path["organisation"], path["name"], request.query_params.get("key")
    )
    stem = stored.release_id.replace("/", "__")
    item = render_download(dashboard.report(stored.latest), kind, stem)
    return Response(
        item.text,
        media_type=item.media_type,
        headers={"content-disposition": f'attachment; filename="{item.filename}"'},
    )


async def badge(request: Request) -> Response:
    path = request.path_params
    name = path["name"]
    if not name.endswith(".svg"):
        raise NotFound("badges end in .svg: /badge/ORGANISATION/NAME.svg")
    dashboard = _dashboard(request)
    stored = find_release(dashboard, path["organisation"], name.removesuffix(".svg"))
    item = render_download(dashboard.report(stored.latest), "badge", "badge")
    return Response(item.text, media_type=item.media_type)


async def compare(request: Request) -> Response:
    return HTMLResponse(pages.compare(_dashboard(request), _query(request)))


async def changes(request: Request) -> Response:
    return HTMLResponse(pages.changes(_dashboard(request)))


async def policy(request: Request) -> Response:
    return HTMLResponse(pages.policy(_dashboard(request)))


async def favicon(request: Request) -> Response:
    icon = resources.files("opengrade.web").joinpath("static/favicon.svg").read_bytes()
    return Response(icon, media_type="image/svg+xml")


async def openapi_document(request: Request) -> Response:
    return JSONResponse(openapi())


def _error(request: Request, status: int, message: str) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": message}, status_code=status)
    html = render("error.html", title=f"Error {status}", status=status, message=message)
    return HTMLResponse(html, status_code=status)


async def _bad_parameter(request: Request, error: Exception) -> Response:
    return _error(request, 400, str(error))


async def _not_found(request: Request, error: Exception) -> Response:
    return _error(request, 404, str(error))


async def _http(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    message = "Nothing here. Start from the portfolio." if error.status_code == 404 else ""
    return _error(request, error.status_code, message or str(error.detail))


async def _unexpected(request: Request, error: Exception) -> Response:
    _LOG.error("error serving %s: %r", request.url.path, error)
    if isinstance(error, OpengradeError):
        return _error(request, 422, str(error))
    return _error(request, 500, "Something went wrong on the server; it has been logged.")


def create_app(dashboard: Dashboard) -> Starlette:
    """The dashboard application over ``dashboard``'s store."""
    release_path = "/releases/{organisation:str}/{name:str}"
    routes = [
        Route("/", portfolio),
        Route("/releases", releases),
        Route(release_path, release),
        Route(release_path + "/diff", diff),
        Route(release_path + "/download/{kind:str}", download),
        Route("/badge/{organisation:str}/{name:str}", badge),
        Route("/compare", compare),
        Route("/changes", changes),
        Route("/policy", policy),
        Route("/api/openapi.json", openapi_document),
        Route("/favicon.ico", favicon),
        *api.ROUTES,
        Mount("/static", StaticFiles(packages=[("opengrade.web", "static")]), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(SecurityHeaders)],
        exception_handlers={
            BadParameter: _bad_parameter,
            NotFound: _not_found,
            HTTPException: _http,
            Exception: _unexpected,
        },
    )
    app.state.dashboard = dashboard
    return app
