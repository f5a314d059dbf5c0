"""The JSON API under ``/api/``: the pages' data, and writing (grade a Hub id, upload a MOT
YAML) only with the bearer token. Its OpenAPI 3.1 document is :func:`openapi`."""

from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from opengrade.store import Grade, GradeDiff
from opengrade.store.dashboard_counts import latest_changes, portfolio_counts
from opengrade.store.dashboard_queries import release_table, weights_expressions
from opengrade.web import params
from opengrade.web.context import Dashboard, find_by_id, find_release
from opengrade.web.security import same_origin, token_matches
from opengrade.web.views import by_category, expressions_in

MAX_UPLOAD = 1_000_000


def grade_json(grade: Grade, policy: str = "") -> dict[str, Any]:
    summary = grade.summary
    weights = summary.terms("weights")
    return {
        "release": grade.release_id,
        "key": grade.release_key,
        "source": grade.source,
        "grade": grade.grade_id,
        "revision": grade.revision,
        "graded_at": grade.graded_at.isoformat(),
        "tool_version": grade.tool_version,
        "weights_license": weights.expression if weights else None,
        "weights_open": weights.open if weights else None,
        "mof_class": summary.mof_class,
        "mof_progress": dict(summary.mof_progress),
        "osaid_verdict": summary.osaid_verdict,
        "eu_status": summary.eu_status,
        "findings": [
            {"code": f.code, "severity": f.severity, "message": f.message} for f in summary.findings
        ],
        "policy": policy or None,
    }


def diff_json(item: GradeDiff) -> dict[str, Any]:
    return {
        "release": item.after.release_id,
        "from": item.before.grade_id,
        "to": item.after.grade_id,
        "at": item.after.graded_at.isoformat(),
        "changes": [
            {"aspect": c.aspect, "before": c.before, "after": c.after} for c in item.changes
        ],
        "findings_added": [f.code for f in item.findings_added],
        "findings_resolved": [f.code for f in item.findings_resolved],
    }


def _dashboard(request: Request) -> Dashboard:
    found: Dashboard = request.app.state.dashboard
    return found


async def api_portfolio(request: Request) -> Response:
    counts = portfolio_counts(_dashboard(request).store)
    return JSONResponse(
        {
            "releases": counts.releases,
            "weights_license_category": by_category(counts.by_expression),
            "weights_license": dict(counts.by_expression),
            "weights_openness": dict(counts.by_openness),
            "mof_class": dict(counts.by_class),
            "osaid_verdict": dict(counts.by_verdict),
            "eu_precheck": dict(counts.by_eu),
            "releases_with_findings": dict(counts.releases_with_findings),
            "findings": dict(counts.findings),
        }
    )


async def api_releases(request: Request) -> Response:
    dashboard = _dashboard(request)
    query = dict(request.query_params)
    expressions_of: dict[str, tuple[str, ...]] = {}
    if query.get("category"):
        by_expression = weights_expressions(dashboard.store)
        expressions_of = {n: expressions_in(by_expression, n) for n in params.ALL_CATEGORIES}
    table = params.table_query(query, expressions_of)
    grades, total = release_table(dashboard.store, table)
    return JSONResponse(
        {
            "total": total,
            "offset": table.offset,
            "limit": table.limit,
            "releases": [grade_json(g, dashboard.policy_verdict(g)) for g in grades],
        }
    )


async def api_release(request: Request) -> Response:
    dashboard = _dashboard(request)
    stored = find_release(
        dashboard,
        request.path_params["organisation"],
        request.path_params["name"],
        request.query_params.get("key"),
    )
    report = json.loads(dashboard.store.report_text(stored.latest))
    return JSONResponse(
        {
            "release": stored.release_id,
            "key": stored.key,
            "copies": list(stored.copies),
            "latest": grade_json(stored.latest, dashboard.policy_verdict(stored.latest)),
            "history": [grade_json(g) for g in stored.history],
            "report": report,
        }
    )


async def api_compare(request: Request) -> Response:
    dashboard = _dashboard(request)
    a, b = request.query_params.get("a", ""), request.query_params.get("b", "")
    if not a or not b or len(a) > 300 or len(b) > 300:
        raise params.BadParameter("give two releases: /api/compare?a=ORG/NAME&b=ORG/NAME")
    left, right = find_by_id(dashboard, a).latest, find_by_id(dashboard, b).latest
    from opengrade.store.diff import diff_grades

    return JSONResponse(
        {"a": grade_json(left), "b": grade_json(right), "diff": diff_json(diff_grades(left, right))}
    )


async def api_changes(request: Request) -> Response:
    items = latest_changes(_dashboard(request).store, 100, scan=2000)
    return JSONResponse({"changes": [diff_json(item) for item in items]})


async def api_policy(request: Request) -> Response:
    dashboard = _dashboard(request)
    if dashboard.policy is None:
        return JSONResponse({"policy": None, "hint": "start the server with --policy FILE"})
    from opengrade.store import Page
    from opengrade.web.policy_board import OVERVIEW_LIMIT

    grades = dashboard.store.latest(None, Page(limit=OVERVIEW_LIMIT))
    overview = dashboard.policy.overview(grades, complete=True)
    return JSONResponse(
        {
            "policy": dashboard.policy.policy.path,
            "releases": [
                {"release": c.release, "verdict": str(c.verdict)} for c in overview.checks
            ],
            "waivers": [
                {
                    "release": use.waiver.release,
                    "rule": use.waiver.rule,
                    "expires": use.waiver.expires.isoformat(),
                    "status": str(use.status),
                }
                for use in overview.waivers
            ],
            "expiring": [
                {"release": w.release, "rule": w.rule, "expires": w.expires.isoformat()}
                for w in overview.expiring
            ],
        }
    )


def _refused(request: Request) -> Response | None:
    dashboard = _dashboard(request)
    if not token_matches(dashboard.token, request.headers.get("authorization")):
        return JSONResponse(
            {"error": "writing needs 'Authorization: Bearer <OPENGRADE_TOKEN>'"},
            status_code=401,
            headers={"www-authenticate": "Bearer"},
        )
    if not same_origin(request.headers, request.headers.get("host", "")):
        return JSONResponse({"error": "cross-site writes are refused"}, status_code=403)
    return None


async def api_grade(request: Request) -> Response:
    refused = _refused(request)
    if refused is not None:
        return refused
    body = await request.body()
    try:
        target = str(json.loads(body or b"{}").get("id", ""))
    except (ValueError, AttributeError):
        target = ""
    organisation, _, name = target.partition("/")
    if not name or len(target) > 200:
        raise params.BadParameter('send {"id": "ORGANISATION/NAME"} (a Hub id)')
    params.release_name(organisation, name)
    return _graded(request, target)


async def api_upload(request: Request) -> Response:
    refused = _refused(request)
    if refused is not None:
        return refused
    body = await request.body()
    if not body or len(body) > MAX_UPLOAD:
        raise params.BadParameter(f"send a MOT YAML of at most {MAX_UPLOAD} bytes as the body")
    # the same upload is read from the same path, so it keeps its store key
    digest = hashlib.sha256(body).hexdigest()[:16]
    folder = Path(tempfile.gettempdir()) / "opengrade-uploads" / digest
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "upload.yml"
    try:
        path.write_bytes(body)
        return _graded(request, str(path))
    finally:
        path.unlink(missing_ok=True)


def _graded(request: Request, target: str) -> Response:
    from opengrade.formats.report_json import JsonFormat
    from opengrade.pipeline import assess

    report = assess(target)
    result = _dashboard(request).store.add_report(JsonFormat().render(report))
    return JSONResponse(
        {"key": result.release_key, "grade": result.grade_id, "added": result.added},
        status_code=201 if result.added else 200,
    )


ROUTES = [
    Route("/api/portfolio", api_portfolio),
    Route("/api/releases", api_releases),
    Route("/api/releases/{organisation}/{name}", api_release),
    Route("/api/compare", api_compare),
    Route("/api/changes", api_changes),
    Route("/api/policy", api_policy),
    Route("/api/grade", api_grade, methods=["POST"]),
    Route("/api/reports", api_upload, methods=["POST"]),
]
