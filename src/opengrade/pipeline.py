"""The pipeline, step by step: source → snapshot → evidence → licenses → frameworks → report."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from opengrade import __version__
from opengrade.errors import InputError, LinkedInputError, SourceError
from opengrade.evidence import extract_evidence
from opengrade.model import Evidence, Problem, ReleaseSnapshot
from opengrade.model.evidence import payloads
from opengrade.model.evidence_payloads import Link
from opengrade.model.findings import InheritedLicense
from opengrade.model.inputs import LinkedInputs
from opengrade.model.licensing import Licensing
from opengrade.model.progress import Observer, ProgressEvent, SilentObserver, Stage
from opengrade.model.release import ProblemCode
from opengrade.model.report import Report
from opengrade.sources.interface import Source
from opengrade.sources.resolve import is_hub_id, open_source

NO_LINKED_INPUTS = LinkedInputs()
"""The default: nothing linked, a time-stamped report."""


def read(
    target: str, *, revision: str | None = None, release_id: str | None = None
) -> ReleaseSnapshot:
    """Read ``target``; ``release_id`` (``org/name``) names a local copy whose folder does not."""
    return _with_id(open_source(target, revision=revision).read(), release_id)


def inspect(
    target: str, *, revision: str | None = None, release_id: str | None = None
) -> tuple[ReleaseSnapshot, tuple[Evidence, ...]]:
    """Read ``target`` and extract every piece of evidence from it."""
    snapshot = read(target, revision=revision, release_id=release_id)
    return snapshot, extract_evidence(snapshot)


def assess(
    source_or_target: Source | str,
    *,
    linked: LinkedInputs = NO_LINKED_INPUTS,
    observer: Observer | None = None,
) -> Report:
    """Read a release (a :class:`Source`, or a target: a directory, a MOT YAML, a Hub id) with
    its linked inputs, and grade it. Progress goes to ``observer``; the library prints nothing.

    Raises :class:`~opengrade.errors.SourceError` when the release cannot be read,
    :class:`~opengrade.errors.InputError` when an option does not apply to it, and
    :class:`~opengrade.errors.LinkedInputError` (naming the option and path) when a linked code
    or base release cannot be read."""
    watcher = observer or SilentObserver()
    name = (
        source_or_target if isinstance(source_or_target, str) else type(source_or_target).__name__
    )
    watcher.notify(ProgressEvent(Stage.READ, name))
    source = _source(source_or_target, linked)
    snapshot = _with_id(source.read(), linked.release_id)
    snapshot, hub_bases = with_source_bases(source, snapshot)
    code = [_read_linked("--code", path, read_code) for path in linked.code_dirs]
    bases = [_read_linked("--base", path, read_base) for path in linked.base_dirs]
    if linked.fetch_code:
        snapshot, fetched = fetch_linked_code(snapshot)
        code = [*fetched, *code]
    return assess_snapshot(
        snapshot,
        code=code,
        bases=[*hub_bases, *bases],
        reproducible=linked.reproducible,
        observer=watcher,
    )


def _source(source_or_target: Source | str, linked: LinkedInputs) -> Source:
    """The source to read: the one given, or the one the target names."""
    if isinstance(source_or_target, Source):
        if linked.revision:
            raise InputError(
                "a revision applies to a Hub id given as text; give the revision to the "
                "source itself (HubSource(id, revision=...)).",
                option="--revision",
            )
        return source_or_target
    if linked.revision and not is_hub_id(source_or_target):
        raise InputError(
            f"--revision applies to Hub ids only; {source_or_target} is a local path. "
            "Check out the revision you want and pass its directory.",
            option="--revision",
        )
    return open_source(source_or_target, revision=linked.revision)


def _with_id(snapshot: ReleaseSnapshot, release_id: str | None) -> ReleaseSnapshot:
    return replace(snapshot, id=release_id) if release_id else snapshot


def _read_linked(
    option: str, path: Path, reader: Callable[[Path], ReleaseSnapshot]
) -> ReleaseSnapshot:
    """A linked release, or a :class:`LinkedInputError` naming ``option`` and ``path``."""
    try:
        return reader(path)
    except SourceError as error:
        raise LinkedInputError(
            f"{option} {path} is not a readable release: {error}", option=option, path=str(path)
        ) from error


def fetch_linked_code(
    snapshot: ReleaseSnapshot, *, limit: int = 3
) -> tuple[ReleaseSnapshot, list[ReleaseSnapshot]]:
    """Clone (shallow) and read the release's own code repositories that its card links, at
    most ``limit``; a repository that cannot be fetched becomes a problem of the release."""
    import tempfile

    from opengrade.evidence.facts import derive_facts
    from opengrade.sources.clone import clone_url, shallow_clone
    from opengrade.sources.git import read_code_dir

    links = derive_facts(extract_evidence(snapshot), snapshot.id).own_code_links
    targets = [link.target for link, _ in payloads(links, Link)]
    urls = list(dict.fromkeys(url for target in targets if (url := clone_url(target))))
    code: list[ReleaseSnapshot] = []
    problems: list[Problem] = []
    with tempfile.TemporaryDirectory(prefix="opengrade-code-") as work:
        for index, url in enumerate(urls[:limit]):
            try:
                checkout = shallow_clone(url, Path(work) / str(index))
                code.append(read_code_dir(checkout, url=url.removesuffix(".git")))
            except SourceError as error:
                problems.append(Problem(ProblemCode.CODE_UNREACHABLE, str(error)))
    return replace(snapshot, problems=snapshot.problems + tuple(problems)), code


def with_source_bases(
    source: Source, snapshot: ReleaseSnapshot
) -> tuple[ReleaseSnapshot, tuple[ReleaseSnapshot, ...]]:
    """The base models the source can read for the release (the Hub reads a Hub release's
    declared bases from the same Hub); a base that cannot be read becomes a problem of the
    release, not an error."""
    bases, problems = source.read_bases(snapshot)
    extra = tuple(Problem(ProblemCode.BASE_UNREADABLE, message) for message in problems)
    return replace(snapshot, problems=snapshot.problems + extra), bases


def read_code(path: Path) -> ReleaseSnapshot:
    """A checkout of the release's code repository (``--code DIR``)."""
    from opengrade.sources.git import read_code_dir

    return read_code_dir(path)


def read_base(path: Path) -> ReleaseSnapshot:
    """A local copy of a base model's release (``--base DIR``)."""
    return open_source(str(path)).read()


def assess_snapshot(
    snapshot: ReleaseSnapshot,
    *,
    code: Sequence[ReleaseSnapshot] = (),
    bases: Sequence[ReleaseSnapshot] = (),
    reproducible: bool = False,
    observer: Observer | None = None,
) -> Report:
    """Grade a release already read: evidence, licensing, MOF, OSAID, EU AI Act, findings."""
    from opengrade.evidence.facts import derive_facts
    from opengrade.frameworks import eu_ai_act, mof, openwashing, osaid
    from opengrade.frameworks.checklists import evaluate_checklists
    from opengrade.frameworks.observations import observe
    from opengrade.licenses import catalog
    from opengrade.licenses.conclusion import conclude_scopes

    watcher = observer or SilentObserver()
    evidence, licensing = _evidence_and_licensing(snapshot, code, watcher)
    inherited, licensing = _lineage(snapshot, evidence, licensing, bases)
    watcher.notify(ProgressEvent(Stage.FRAMEWORKS, snapshot.id))
    facts = derive_facts(evidence, snapshot.id)
    if snapshot.manifest is not None:
        mof_result = mof.grade(mof.observations_from_manifest(snapshot.manifest))
    else:
        mof_result = mof.grade(observe(snapshot, evidence, licensing, facts))
    osaid_result = osaid.assess_osaid(
        evidence,
        licensing,
        terms_for=catalog.terms,
        release_id=snapshot.id,
        dataset_licenses={info.id: info.license for info in snapshot.datasets if info.license},
        facts=facts,
    )
    findings = openwashing.find_openwashing(
        evidence,
        licensing,
        release_id=snapshot.id,
        terms_for=catalog.terms,
        inherited=inherited,
        osaid=osaid_result,
    )
    exemption = eu_ai_act.assess_exemption(
        evidence, licensing, terms_for=catalog.terms, release_id=snapshot.id, facts=facts
    )
    return Report(
        snapshot=snapshot,
        evidence=evidence,
        licensing=licensing,
        mof=mof_result,
        osaid=osaid_result,
        eu_ai_act=exemption,
        findings=tuple(findings),
        lineage=inherited,
        tool_version=__version__,
        frameworks={
            "MOF": mof_result.framework_version,
            "OSAID": osaid_result.version,
            "EU AI Act Art. 53(2)": exemption.version,
        },
        generated_at=None if reproducible else datetime.now(UTC),
        reproducible=reproducible,
        concluded=conclude_scopes(licensing, evidence),
        checklists=evaluate_checklists(snapshot, evidence),
        facts=facts,
    )


def _evidence_and_licensing(
    snapshot: ReleaseSnapshot, code: Sequence[ReleaseSnapshot], observer: Observer
) -> tuple[tuple[Evidence, ...], Licensing]:
    """Every piece of evidence (the release's and its linked code's), and the licenses concluded
    from it, with the identified license texts added to the evidence."""
    from opengrade.licenses.conclude import conclude
    from opengrade.linked import code_evidence, code_licensing

    observer.notify(ProgressEvent(Stage.EVIDENCE, snapshot.id))
    evidence = extract_evidence(snapshot) + code_evidence(code)
    observer.notify(ProgressEvent(Stage.LICENSES, snapshot.id))
    licensing, identified = conclude(snapshot, evidence)
    for repository in code:
        linked, linked_identified = code_licensing(repository)
        licensing = Licensing(licensing.uses + linked.uses, licensing.conflicts)
        identified += linked_identified
    return evidence + identified, licensing


def _lineage(
    snapshot: ReleaseSnapshot,
    evidence: Sequence[Evidence],
    licensing: Licensing,
    bases: Sequence[ReleaseSnapshot],
) -> tuple[tuple[InheritedLicense, ...], Licensing]:
    """The terms each declared base passes on, and the licensing with the binding ones added."""
    from opengrade.frameworks import lineage
    from opengrade.licenses import catalog
    from opengrade.linked import with_inherited

    inherited = tuple(
        lineage.inherited_terms(evidence, catalog.terms, base_licenses=_base_licenses(bases))
    )
    binding = lineage.binding_terms(inherited, snapshot.id)
    return inherited, with_inherited(licensing, binding, evidence)


def _base_licenses(bases: Sequence[ReleaseSnapshot]) -> dict[str, list[str]]:
    """The weights license keys read from each base release given with ``--base``."""
    from opengrade.licenses.conclude import conclude
    from opengrade.model import Scope

    found: dict[str, list[str]] = {}
    for base in bases:
        licensing, _ = conclude(base, extract_evidence(base))
        keys = [use.key for use in licensing.concluded(Scope.WEIGHTS) if use.key]
        found[base.id] = sorted(set(keys))
    return found
