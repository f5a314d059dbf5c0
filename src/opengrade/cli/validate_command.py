"""``opengrade validate MODEL --data FILE ...``: run a model safely on labelled data and measure
accuracy and fairness by group (extra ``opengrade[validate]``).

Exit codes: 0 done, 1 a ``--fail-if`` condition holds, 2 usage error, 3 the model or data could
not be read or does not fit the options, 5 the model was refused (a format that can carry
code, a custom operator, weights outside its folder, an untrusted type), 6 the model crashed or
hit a limit.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opengrade.validation.results import ValidationReport
    from opengrade.validation.run import ValidationOptions

FORMATS = ("text", "json", "markdown", "html")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``validate`` command."""
    parser = commands.add_parser(
        "validate",
        help="run a model safely on labelled data: accuracy and fairness by group",
        description="Run a model (ONNX, or scikit-learn through skops) in a limited child "
        "process on a labelled CSV or Parquet file, and report performance and fairness "
        "overall, per group and per intersection, each with a bootstrap interval "
        "(fairlearn). Pickle, joblib and checkpoint files are refused. Needs "
        "pip install 'opengrade[validate]'.",
    )
    parser.add_argument("model", type=Path, help="a model file or a release folder holding one")
    parser.add_argument("--data", type=Path, required=True, metavar="FILE", help="CSV or Parquet")
    parser.add_argument("--label", required=True, metavar="COLUMN", help="the label column")
    parser.add_argument("--positive", required=True, metavar="VALUE", help="the positive label")
    parser.add_argument(
        "--sensitive", required=True, metavar="COL[,COL...]", help="sensitive attribute columns"
    )
    parser.add_argument(
        "--threshold",
        type=float,
        metavar="T",
        help="decision threshold on the positive score (default 0.5)",
    )
    parser.add_argument("--metrics", metavar="NAME[,NAME...]", help="report only these metrics")
    parser.add_argument(
        "--fail-if",
        action="append",
        default=[],
        metavar="EXPR",
        help="exit 1 when EXPR holds, e.g. 'demographic_parity_ratio < 0.8' (repeatable)",
    )
    parser.add_argument(
        "--bins",
        action="append",
        default=[],
        metavar="COL=E1,E2",
        help="bin edges of a numeric sensitive column (default: quartiles)",
    )
    parser.add_argument(
        "--features",
        metavar="COL[,COL...]",
        help="the model's input columns, in order (default: every column but the label)",
    )
    parser.add_argument("--format", choices=FORMATS, default="text")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    parser.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")
    parser.add_argument(
        "--resamples", type=int, default=1000, help="bootstrap resamples (default 1000)"
    )
    parser.add_argument(
        "--min-group-size", type=int, default=30, help="flag smaller groups (default 30)"
    )
    parser.add_argument(
        "--memory-limit",
        type=int,
        default=2048,
        metavar="MIB",
        help="the model process's address-space limit (default 2048)",
    )
    parser.add_argument(
        "--cpu-limit",
        type=int,
        default=120,
        metavar="SECONDS",
        help="the model process's CPU-time limit (default 120)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=180.0,
        metavar="SECONDS",
        help="wall-clock limit (default 180)",
    )
    parser.add_argument(
        "--reproducible", action="store_true", help="no time stamp: same input, same bytes"
    )
    parser.add_argument(
        "--bom",
        type=Path,
        metavar="FILE",
        help="also write the release's BOM with the results to FILE",
    )
    parser.add_argument("--bom-format", choices=("cyclonedx", "spdx"), default="cyclonedx")
    parser.add_argument(
        "--spec-version", choices=("1.6", "1.7"), default="1.6", help="CycloneDX version"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Validate, render, write the BOM when asked, apply ``--fail-if``."""
    from opengrade.cli.exit_codes import (
        EXIT_FINDINGS,
        EXIT_OK,
        EXIT_REFUSED,
        EXIT_RUN_FAILED,
        EXIT_UNREADABLE,
        EXIT_USAGE,
    )
    from opengrade.cli.output import write_output

    try:
        from opengrade.validation.errors import (
            InputUnreadable,
            ModelRefused,
            ModelRunFailed,
            ValidationRunError,
        )
        from opengrade.validation.run import validate
    except ImportError as error:
        print(
            f"opengrade: validate needs the extra 'validate' ({error.name} is missing); "
            "run: pip install 'opengrade[validate]'",
            file=sys.stderr,
        )
        return EXIT_USAGE
    options = _options(args)
    if isinstance(options, str):
        print(f"opengrade: {options}", file=sys.stderr)
        return EXIT_USAGE
    codes: dict[type[ValidationRunError], int] = {
        ModelRefused: EXIT_REFUSED,
        ModelRunFailed: EXIT_RUN_FAILED,
        InputUnreadable: EXIT_UNREADABLE,
    }
    try:
        report = validate(options)
    except ValidationRunError as error:
        print(f"opengrade: {error}", file=sys.stderr)
        return codes.get(type(error), EXIT_UNREADABLE)
    status = write_output(_render(report, args.format), args.output)
    if status:
        return EXIT_USAGE
    if args.bom is not None:
        status = _write_bom(report, options, args)
        if status:
            return status
    for note in report.notes:
        print(f"opengrade: note: {note}", file=sys.stderr)
    return EXIT_FINDINGS if report.failed else EXIT_OK


def _options(args: argparse.Namespace) -> ValidationOptions | str:
    """The run's options, or what is wrong with them."""
    from opengrade.validation.run import ValidationOptions
    from opengrade.validation.runner import RunLimits
    from opengrade.validation.thresholds import KNOWN_METRICS, parse_condition

    try:
        conditions = tuple(parse_condition(text) for text in args.fail_if)
    except ValueError as error:
        return str(error)
    bins: dict[str, tuple[float, ...]] = {}
    for text in args.bins:
        name, _, edges = text.partition("=")
        try:
            bins[name.strip()] = tuple(float(item) for item in edges.split(",") if item.strip())
        except ValueError:
            return f"cannot read --bins {text!r}: write COLUMN=EDGE,EDGE (numbers)"
    metrics = tuple(_split(args.metrics))
    unknown = [name for name in metrics if name not in KNOWN_METRICS]
    if unknown:
        return f"unknown --metrics {', '.join(unknown)}; choose from {', '.join(KNOWN_METRICS)}"
    if args.resamples < 1 or args.memory_limit < 64 or args.cpu_limit < 1 or args.timeout <= 0:
        return "--resamples, --memory-limit (≥ 64), --cpu-limit and --timeout must be positive"
    if args.threshold is not None and not 0 <= args.threshold <= 1:
        return "--threshold must be between 0 and 1"
    return ValidationOptions(
        model=args.model,
        data=args.data,
        label=args.label,
        positive=args.positive,
        sensitive=tuple(_split(args.sensitive)),
        threshold=args.threshold,
        conditions=conditions,
        bins=bins,
        features=tuple(_split(args.features)),
        metrics=metrics,
        seed=args.seed,
        resamples=args.resamples,
        small_group_size=args.min_group_size,
        limits=RunLimits(args.memory_limit, args.cpu_limit, args.timeout),
        reproducible=args.reproducible,
    )


def _split(text: str | None) -> list[str]:
    return [item.strip() for item in (text or "").split(",") if item.strip()]


def _render(report: ValidationReport, name: str) -> str:
    from opengrade.validation.render_html import render_html
    from opengrade.validation.render_json import render_json
    from opengrade.validation.render_text import render_markdown, render_text

    renderers = {
        "text": render_text,
        "json": render_json,
        "markdown": render_markdown,
        "html": render_html,
    }
    return renderers[name](report)


def _write_bom(
    report: ValidationReport, options: ValidationOptions, args: argparse.Namespace
) -> int:
    """The BOM of the model's release folder, with the results, validated before writing."""
    from opengrade.bom import build_cyclonedx, build_spdx
    from opengrade.bom.from_report import bom_input
    from opengrade.bom.shacl import shacl_available, validate_spdx_shacl
    from opengrade.bom.validate import write_bom
    from opengrade.cli.bom_command import _hashes
    from opengrade.cli.exit_codes import EXIT_USAGE
    from opengrade.cli.release_options import assess_from_arguments
    from opengrade.errors import FormatError
    from opengrade.validation.bom_results import add_to_cyclonedx, add_to_spdx
    from opengrade.validation.formats import model_file

    folder = model_file(options.model).folder
    release = argparse.Namespace(
        target=str(folder),
        revision=None,
        release_id=None,
        code=[],
        base=[],
        fetch_code=False,
        reproducible=args.reproducible,
    )
    assessed = assess_from_arguments(release)
    if isinstance(assessed, int):
        return assessed
    source = bom_input(assessed, _hashes(assessed))
    try:
        if args.bom_format == "spdx":
            document = build_spdx(source, reproducible=args.reproducible)
            limits = tuple((item.metric, item.limit) for item in options.conditions)
            add_to_spdx(document, report, limits)
            if shacl_available():
                validate_spdx_shacl(document)
        else:
            document = build_cyclonedx(
                source, spec_version=args.spec_version, reproducible=args.reproducible
            )
            add_to_cyclonedx(document, report, args.reproducible)
        write_bom(document, args.bom, args.bom_format)
    except FormatError as error:
        print(f"opengrade: BOM not written: {error}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        print(f"opengrade: cannot write {args.bom}: {error.strerror}", file=sys.stderr)
        return EXIT_USAGE
    return 0
