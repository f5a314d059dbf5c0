"""The validation report as plain text (the terminal) and as Markdown: one table per partition."""

from __future__ import annotations

from opengrade.validation.results import Estimate, PartitionResult, ValidationReport

GROUP_METRICS = ("accuracy", "recall", "selection_rate", "roc_auc")


def number(value: float | None) -> str:
    """A metric value to three decimals, or an em dash when undefined."""
    return "—" if value is None else f"{value:.3f}"


def with_interval(item: Estimate | None) -> str:
    """``value [low, high]``."""
    if item is None or item.value is None:
        return "—"
    if item.low is None or item.high is None:
        return number(item.value)
    return f"{number(item.value)} [{number(item.low)}, {number(item.high)}]"


def find(items: tuple[Estimate, ...], metric: str) -> Estimate | None:
    """The estimate of ``metric`` in ``items``."""
    return next((item for item in items if item.metric == metric), None)


def header_lines(report: ValidationReport) -> list[str]:
    """The facts of the run: model, data, settings, libraries."""
    settings = report.settings
    threshold = (
        "the model's own labels" if settings.threshold is None else f"{settings.threshold:g}"
    )
    libraries = ", ".join(f"{name} {version}" for name, version in report.libraries)
    return [
        f"model: {report.model.path} ({report.model_format}, sha256 {report.model.sha256})",
        f"data: {report.data.path} (sha256 {report.data.sha256}), {report.rows} rows",
        f"label: {report.label}, positive {report.positive!r} ({report.positives} rows), "
        f"negative {report.negative!r}; decision threshold: {threshold}",
        f"bootstrap: {settings.resamples} resamples, seed {settings.seed}, "
        f"{settings.confidence_level:.0%} percentile intervals; small group: under "
        f"{settings.small_group_size} rows",
        f"libraries: {libraries}",
    ]


def _partition_rows(partition: PartitionResult) -> list[list[str]]:
    rows = []
    for group in partition.groups:
        flag = " (empty)" if group.size == 0 else " (small)" if group.small else ""
        cells = [f"{group.group}{flag}", str(group.size), str(group.positives)]
        cells += [with_interval(find(group.estimates, metric)) for metric in GROUP_METRICS]
        rows.append(cells)
    return rows


def render_text(report: ValidationReport) -> str:
    """Plain text for a terminal."""
    lines = ["opengrade validation", *header_lines(report), "", "overall:"]
    lines += [f"  {item.metric}: {with_interval(item)}" for item in report.overall]
    for partition in report.partitions:
        lines += [
            "",
            f"by {partition.attribute}: (group, size, positives, {', '.join(GROUP_METRICS)})",
        ]
        lines += ["  " + " | ".join(cells) for cells in _partition_rows(partition)]
        lines += [f"  {item.metric}: {with_interval(item)}" for item in partition.fairness]
    lines += _checks_and_notes(report, bullet="  ")
    return "\n".join(lines) + "\n"


def _checks_and_notes(report: ValidationReport, bullet: str) -> list[str]:
    lines = []
    if report.checks:
        lines += ["", "checks (--fail-if):"]
        for item in report.checks:
            verdict = "undefined" if item.failed is None else "FAILED" if item.failed else "passed"
            lines.append(
                f"{bullet}{item.expression} on {item.scope}: {number(item.value)} -> {verdict}"
            )
    if report.notes:
        lines += ["", "notes:"] + [f"{bullet}{note}" for note in report.notes]
    return lines


def render_markdown(report: ValidationReport) -> str:
    """GitHub-flavoured Markdown."""
    lines = ["# opengrade validation", ""] + [f"- {line}" for line in header_lines(report)]
    lines += ["", "## Overall", "", "| metric | value [95% interval] |", "| --- | --- |"]
    lines += [f"| {item.metric} | {with_interval(item)} |" for item in report.overall]
    for partition in report.partitions:
        edges = (
            f" (bin edges {', '.join(f'{edge:g}' for edge in partition.edges)})"
            if partition.edges
            else ""
        )
        lines += ["", f"## By {partition.attribute}{edges}", ""]
        lines.append("| group | size | positives | " + " | ".join(GROUP_METRICS) + " |")
        lines.append("| --- " * (3 + len(GROUP_METRICS)) + "|")
        lines += ["| " + " | ".join(cells) + " |" for cells in _partition_rows(partition)]
        lines += ["", "| fairness metric | value [interval] |", "| --- | --- |"]
        lines += [f"| {item.metric} | {with_interval(item)} |" for item in partition.fairness]
    lines += _checks_and_notes(report, bullet="- ")
    return "\n".join(lines) + "\n"
