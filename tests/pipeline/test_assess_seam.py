"""The grading seam: ``opengrade.assess`` takes a :class:`Source` or a target, linked inputs as
one value, and reports progress to an injected observer; errors name what went wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from opengrade import (
    InputError,
    LinkedInputError,
    LinkedInputs,
    ProgressEvent,
    Source,
    SourceError,
    Stage,
    assess,
)
from opengrade.model import ReleaseSnapshot, SourceKind
from opengrade.model.release import FileKind, ReleaseFile, TextFile

_CARD = "---\nlicense: apache-2.0\n---\n# A model\n\nWeights in model.safetensors.\n"


class InMemorySource(Source):
    """A release held in memory: what a store or a Hub crawler would hand to ``assess``."""

    def __init__(self, license_text: str) -> None:
        self.license_text = license_text
        self.reads = 0

    def read(self) -> ReleaseSnapshot:
        self.reads += 1
        return ReleaseSnapshot(
            id="memory/model",
            source=SourceKind.LOCAL,
            location="memory",
            files=(
                ReleaseFile("README.md", len(_CARD), FileKind.CARD),
                ReleaseFile("LICENSE", len(self.license_text), FileKind.LICENSE),
            ),
            texts=(TextFile("README.md", _CARD), TextFile("LICENSE", self.license_text)),
        )


class FailingSource(Source):
    def read(self) -> ReleaseSnapshot:
        raise SourceError("the store holds no such release")


class Recorder:
    def __init__(self) -> None:
        self.events: list[ProgressEvent] = []

    def notify(self, event: ProgressEvent) -> None:
        self.events.append(event)


@pytest.fixture()
def mit_text(corpus: Path) -> str:
    return (corpus / "models" / "openai__whisper-large-v3" / "LICENSE").read_text(encoding="utf-8")


def test_a_source_is_graded_like_a_target(mit_text: str) -> None:
    source = InMemorySource(mit_text)
    report = assess(source, linked=LinkedInputs(reproducible=True))
    assert source.reads == 1
    assert report.snapshot.id == "memory/model"
    weights = report.concluded[0]
    assert (weights.keys, weights.open) == (("MIT",), True)
    assert weights.evidence[0].startswith("LICENSE:1-")
    assert report.generated_at is None


def test_release_id_renames_a_source(mit_text: str) -> None:
    report = assess(InMemorySource(mit_text), linked=LinkedInputs(release_id="org/renamed"))
    assert report.snapshot.id == "org/renamed"


def test_progress_goes_to_the_observer_in_order(mit_text: str) -> None:
    recorder = Recorder()
    assess(InMemorySource(mit_text), observer=recorder)
    stages = [event.stage for event in recorder.events]
    assert stages == [Stage.READ, Stage.EVIDENCE, Stage.LICENSES, Stage.FRAMEWORKS]
    assert {event.release for event in recorder.events[1:]} == {"memory/model"}


def test_the_library_prints_nothing(mit_text: str, capsys: pytest.CaptureFixture[str]) -> None:
    assess(InMemorySource(mit_text))
    assert capsys.readouterr() == ("", "")


def test_a_failing_source_raises_its_error() -> None:
    with pytest.raises(SourceError, match="no such release"):
        assess(FailingSource())


def test_a_revision_for_a_source_is_refused(mit_text: str) -> None:
    with pytest.raises(InputError) as raised:
        assess(InMemorySource(mit_text), linked=LinkedInputs(revision="main"))
    assert raised.value.option == "--revision"


def test_an_unreadable_linked_input_names_option_and_path(mit_text: str, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-base"
    with pytest.raises(LinkedInputError) as raised:
        assess(InMemorySource(mit_text), linked=LinkedInputs(base_dirs=(missing,)))
    assert (raised.value.option, raised.value.path) == ("--base", str(missing))
    assert str(missing) in str(raised.value)
    with pytest.raises(LinkedInputError) as raised:
        assess(InMemorySource(mit_text), linked=LinkedInputs(code_dirs=(missing,)))
    assert raised.value.option == "--code"


def test_the_cli_holds_no_pipeline_step() -> None:
    """The command modules reach the pipeline only through ``opengrade.assess``."""
    cli = Path(__import__("opengrade.cli", fromlist=["x"]).__file__).parent
    steps = ("extract_evidence", "assess_snapshot", "read_code", "read_base", "with_source_bases")
    for module in cli.glob("*.py"):
        text = module.read_text(encoding="utf-8")
        assert not [step for step in steps if step in text], module.name
