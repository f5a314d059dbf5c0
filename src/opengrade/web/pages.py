"""The HTML pages: each reads the store, builds plain values and renders its template."""

from __future__ import annotations

from collections.abc import Mapping

from opengrade.store import GradeDiff, Page
from opengrade.store.dashboard_counts import latest_changes, portfolio_counts, trend
from opengrade.store.dashboard_queries import release_table, weights_expressions
from opengrade.store.diff import diff_grades
from opengrade.web import params
from opengrade.web.charts import bar_chart, trend_rows
from opengrade.web.context import Dashboard, NotFound, find_by_id, find_release
from opengrade.web.policy_board import OVERVIEW_LIMIT
from opengrade.web.templating import render, with_query
from opengrade.web.views import by_category, expressions_in, row_of, split_id

SEVERITY_ORDER = ("high", "medium", "low")


def portfolio(dashboard: Dashboard) -> str:
    counts = portfolio_counts(dashboard.store)
    charts = [
        bar_chart(
            "Weights license category",
            by_category(counts.by_expression),
            lambda label: with_query({}, category=label),
        ),
        bar_chart("Weights openness", counts.by_openness, lambda label: ""),
        bar_chart("MOF class", counts.by_class, lambda label: with_query({}, **{"class": label})),
        bar_chart("OSAID verdict", counts.by_verdict, lambda label: with_query({}, verdict=label)),
        bar_chart(
            "EU AI Act Art. 53(2) pre-check", counts.by_eu, lambda label: with_query({}, eu=label)
        ),
        bar_chart(
            "Releases with findings, by severity",
            {level: counts.releases_with_findings[level] for level in SEVERITY_ORDER},
        ),
    ]
    policy_chart = None
    if dashboard.policy is not None:
        rows = dashboard.store.latest(None, Page(limit=OVERVIEW_LIMIT))
        total = counts.releases
        verdicts: dict[str, int] = {}
        for grade in rows:
            verdict = dashboard.policy.verdict(grade)
            verdicts[verdict] = verdicts.get(verdict, 0) + 1
        policy_chart = bar_chart(
            "Policy verdict" + ("" if total <= OVERVIEW_LIMIT else f" (first {OVERVIEW_LIMIT})"),
            verdicts,
        )
    return render(
        "portfolio.html",
        title="Portfolio",
        counts=counts,
        charts=charts,
        policy_chart=policy_chart,
        findings_total=counts.findings,
        trend=trend_rows(trend(dashboard.store)),
        changes=[_change_view(item) for item in latest_changes(dashboard.store, 10)],
    )


def _change_view(item: GradeDiff) -> Mapping[str, object]:
    organisation, name = split_id(item.after.release_id)
    return {
        "diff": item,
        "link": f"/releases/{organisation}/{name}/diff"
        + with_query({}, to=item.after.grade_id, **{"from": item.before.grade_id}),
    }


def releases(dashboard: Dashboard, query: Mapping[str, str]) -> str:
    expressions_of: dict[str, tuple[str, ...]] = {}
    if query.get("category"):
        by_expression = weights_expressions(dashboard.store)
        expressions_of = {
            name: expressions_in(by_expression, name) for name in params.ALL_CATEGORIES
        }
    table = params.table_query(query, expressions_of)
    grades, total = release_table(dashboard.store, table)
    rows = [row_of(grade, dashboard.policy_verdict(grade)) for grade in grades]
    current = {name: value for name, value in query.items() if value}
    page = table.offset // table.limit + 1
    last = max(1, -(-total // table.limit))
    return render(
        "releases.html",
        title="Releases",
        rows=rows,
        total=total,
        page=page,
        last=last,
        current=current,
        table=table,
        with_policy=dashboard.policy is not None,
        classes=params.CLASSES,
        verdicts=params.VERDICTS,
        eu_statuses=params.EU_STATUSES,
        categories=params.ALL_CATEGORIES,
        sizes=params.PAGE_SIZES,
    )


def release(dashboard: Dashboard, organisation: str, name: str, key: str | None) -> str:
    stored = find_release(dashboard, organisation, name, key)
    grade = stored.latest
    report = dashboard.report(grade)
    timeline = []
    for before, after in zip(stored.history, stored.history[1:], strict=False):
        item = diff_grades(before, after)
        timeline.append({"grade": after, "diff": item})
    timeline.reverse()
    check = dashboard.policy.check(grade) if dashboard.policy else None
    return render(
        "release.html",
        title=stored.release_id,
        stored=stored,
        grade=grade,
        row=row_of(grade, str(check.verdict) if check else ""),
        report=report,
        first=stored.history[0],
        timeline=timeline,
        uses=dashboard.store.uses(stored.release_id),
        check=check,
        base=f"/releases/{organisation}/{name}",
        key_query=with_query({}, key=stored.key if len(stored.copies) > 1 else None),
    )


def diff(dashboard: Dashboard, organisation: str, name: str, query: Mapping[str, str]) -> str:
    stored = find_release(dashboard, organisation, name, query.get("key"))
    before_id = _grade_id(query.get("from"))
    after_id = _grade_id(query.get("to"))
    after = stored.grade(after_id)
    if before_id is None:
        index = stored.history.index(after)
        before = stored.history[max(index - 1, 0)]
    else:
        before = stored.grade(before_id)
    return render(
        "diff.html",
        title=f"{stored.release_id}: what changed",
        stored=stored,
        diff=diff_grades(before, after),
        base=f"/releases/{organisation}/{name}",
    )


def _grade_id(value: str | None) -> int | None:
    if value is None or value == "":
        return None
    text = value.lstrip("#")
    if not text.isdigit() or len(text) > 12:
        raise params.BadParameter("a revision is a stored grade number such as 12")
    return int(text)


def compare(dashboard: Dashboard, query: Mapping[str, str]) -> str:
    sides = []
    for name in ("a", "b"):
        value = query.get(name, "").strip()
        if value and len(value) > 300:
            raise params.BadParameter(f"{name} is at most 300 characters")
        sides.append(value)
    if not all(sides):
        return render("compare.html", title="Compare", a=sides[0], b=sides[1], result=None)
    left = find_by_id(dashboard, sides[0])
    right = find_by_id(dashboard, sides[1])
    left_grade = left.grade(_grade_id(query.get("ra")))
    right_grade = right.grade(_grade_id(query.get("rb")))
    result = {
        "left": row_of(left_grade, dashboard.policy_verdict(left_grade)),
        "right": row_of(right_grade, dashboard.policy_verdict(right_grade)),
        "diff": diff_grades(left_grade, right_grade),
        "left_report": dashboard.report(left_grade),
        "right_report": dashboard.report(right_grade),
    }
    return render("compare.html", title="Compare", a=sides[0], b=sides[1], result=result)


def changes(dashboard: Dashboard) -> str:
    items = [_change_view(item) for item in latest_changes(dashboard.store, 100, scan=2000)]
    return render("changes.html", title="Changes", changes=items)


def policy(dashboard: Dashboard) -> str:
    if dashboard.policy is None:
        return render("policy.html", title="Policy", overview=None, board=None)
    total = dashboard.store.count()
    grades = dashboard.store.latest(None, Page(limit=OVERVIEW_LIMIT))
    overview = dashboard.policy.overview(grades, complete=total <= OVERVIEW_LIMIT)
    return render(
        "policy.html", title="Policy", overview=overview, board=dashboard.policy, total=total
    )


__all__ = ["NotFound", "changes", "compare", "diff", "policy", "portfolio", "release", "releases"]
