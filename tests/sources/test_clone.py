"""``--fetch-code``: the card's own code repository is cloned (shallow, no hooks) and read."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from opengrade import LinkedInputs, assess
from opengrade.model import Scope
from opengrade.sources import clone
from opengrade.sources.clone import CloneError, clone_url, shallow_clone

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.mark.parametrize(
    ("link", "url"),
    [
        ("https://github.com/allenai/OLMo", "https://github.com/allenai/OLMo.git"),
        ("https://github.com/a/b/blob/main/train.py", "https://github.com/a/b.git"),
        ("https://gitlab.com/group/repo.git", "https://gitlab.com/group/repo.git"),
        ("https://example.com/a/b", None),
        ("https://github.com/sponsors/someone", None),
        ("ssh://github.com/a/b", None),
    ],
)
def test_clone_url_names_the_repository(link: str, url: str | None) -> None:
    assert clone_url(link) == url


def _git(*args: str, cwd: Path) -> None:
    identity = ["-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run(["git", *identity, *args], cwd=cwd, check=True, capture_output=True)


def _code_repository(root: Path, license_text: str) -> Path:
    repository = root / "trainer-src"
    repository.mkdir()
    _git("init", "--quiet", cwd=repository)
    (repository / "LICENSE").write_text(license_text)
    (repository / "train.py").write_text("def main() -> None:\n    pass\n")
    hook = repository / ".git" / "hooks" / "post-checkout"
    hook.write_text("#!/bin/sh\ntouch HOOK_RAN\n")
    hook.chmod(0o755)
    _git("add", ".", cwd=repository)
    _git("commit", "--quiet", "-m", "code", cwd=repository)
    return repository


@needs_git
@pytest.mark.corpus
def test_fetched_code_counts_for_the_code_components(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repository = _code_repository(tmp_path, (corpus / "licenses" / "texts" / "MIT.txt").read_text())
    release = tmp_path / "acme__Trainer-1B"
    release.mkdir()
    (release / "README.md").write_text(
        "---\nlicense: apache-2.0\n---\n# Trainer-1B\n\n"
        "Training code: [github.com/acme/Trainer-1B](https://github.com/acme/Trainer-1B)\n"
    )
    monkeypatch.setattr(clone, "clone_url", lambda link: f"file://{repository}")
    report = assess(str(release), linked=LinkedInputs(fetch_code=True))
    training = next(c for c in report.mof.components if c.name == "Training code")
    assert (training.status, training.license) == ("open", "MIT")
    assert any(use.scope is Scope.CODE and use.key == "MIT" for use in report.licensing.uses)
    assert not [p for p in report.snapshot.problems if p.code == "code-unreachable"]


@needs_git
def test_an_unreachable_repository_is_a_problem_not_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = tmp_path / "acme__Trainer-1B"
    release.mkdir()
    (release / "README.md").write_text("# Trainer-1B\n\nCode: https://github.com/acme/Trainer-1B\n")
    monkeypatch.setattr(clone, "clone_url", lambda link: f"file://{tmp_path}/missing")
    report = assess(str(release), linked=LinkedInputs(fetch_code=True))
    assert [p.code for p in report.snapshot.problems] == ["code-unreachable"]
    training = next(c for c in report.mof.components if c.name == "Training code")
    assert training.status == "unknown"  # still only linked: declared, never verified


@needs_git
def test_clone_runs_no_hooks(tmp_path: Path) -> None:
    repository = _code_repository(tmp_path, "MIT License\n")
    checkout = shallow_clone(f"file://{repository}", tmp_path / "checkout")
    assert (checkout / "train.py").exists()
    assert not (checkout / "HOOK_RAN").exists()


def test_a_refused_url_raises_clone_error(tmp_path: Path) -> None:
    with pytest.raises(CloneError):
        shallow_clone("ext::sh -c touch% /tmp/opengrade-pwned", tmp_path / "x", timeout=10)
    assert not Path("/tmp/opengrade-pwned").exists()
