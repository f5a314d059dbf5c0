"""``opengrade check`` end to end: every exit code, the outputs, waivers by date, the policy in
pyproject.toml, recording in a store and locating results at discovered code lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from policy_helpers import EXAMPLE_POLICY, OPEN, RESTRICTED, corpus_folders, weights_categories

from opengrade.cli import main
from opengrade.pipeline import assess
from opengrade.policy.check import check_reports
from opengrade.policy.load import load_policy
from opengrade.policy.model import Verdict


def _pick(corpus: Path, *, restricted: bool) -> Path:
    """A corpus release whose weights are restricted (and that fails only for them), or open
    (and that passes): chosen by the catalogue category, never by name."""
    policy = load_policy(EXAMPLE_POLICY)
    for folder in corpus_folders():
        report = assess(str(corpus / "models" / folder))
        categories = weights_categories(report)
        (check,) = check_reports(policy, [(folder, report)]).checks
        failing = {r.rule for r in check.results if r.severity == "fail" and r.outcome != "pass"}
        restricted_terms = bool(RESTRICTED & set(filter(None, categories)))
        open_terms = bool(categories) and set(categories) <= OPEN
        if restricted and restricted_terms and failing == {"licenses.weights"}:
            return corpus / "models" / folder
        if not restricted and open_terms and check.verdict is not Verdict.FAIL:
            return corpus / "models" / folder
    raise AssertionError("no such corpus release")


@pytest.fixture(scope="module")
def restricted(corpus: Path) -> Path:
    return _pick(corpus, restricted=True)


@pytest.fixture(scope="module")
def open_release(corpus: Path) -> Path:
    return _pick(corpus, restricted=False)


def _check(*args: str) -> int:
    return main(["check", *args])


@pytest.mark.corpus
def test_exit_0_on_an_open_release_and_1_on_a_restricted_one(
    open_release: Path, restricted: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _check(str(open_release), "--policy", str(EXAMPLE_POLICY)) == 0
    assert _check(str(restricted), "--policy", str(EXAMPLE_POLICY)) == 1
    out = capsys.readouterr().out
    assert "FAIL" in out and "licenses.weights" in out and "evidence:" in out


@pytest.mark.corpus
def test_exit_3_on_an_unreadable_target_the_others_still_reported(
    restricted: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no-such-release"
    code = _check(
        str(missing), str(restricted), "--policy", str(EXAMPLE_POLICY), "--format", "json"
    )
    captured = capsys.readouterr()
    assert code == 3
    document = json.loads(captured.out)
    assert [item["target"] for item in document["unreadable"]] == [str(missing)]
    assert len(document["releases"]) == 1 and document["releases"][0]["verdict"] == "fail"
    assert f"cannot read {missing}" in captured.err


@pytest.mark.parametrize(
    ("policy", "message"),
    [
        ("version = 1\nfindings = { code = ['x'] }\n", "findings: Additional properties"),
        (
            "version = 1\n[[waivers]]\nrelease = 'a/b'\nrule = 'findings'\nreason = 'r'\n"
            "approver = 'me'\nexpires = '2027-02-30'\nterms = 'sha256:0123456789abcdef'\n",
            "waivers[0].expires",
        ),
    ],
)
def test_exit_2_on_a_bad_policy(
    tmp_path: Path, policy: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "opengrade.toml"
    path.write_text(policy, encoding="utf-8")
    assert _check(str(tmp_path), "--policy", str(path)) == 2
    err = capsys.readouterr().err
    assert message in err and "docs/policy.schema.json" in err


def test_exit_2_on_usage_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert _check("some/model") == 2
    assert "no policy found" in capsys.readouterr().err
    assert _check("x", "--policy", str(EXAMPLE_POLICY), "--today", "tomorrow") == 2
    assert _check("x", "--policy", str(EXAMPLE_POLICY), "--format", "pdf") == 2
    assert _check("x", "--policy", str(EXAMPLE_POLICY), "--discover", "absent") == 2
    assert "--discover absent is not a directory" in capsys.readouterr().err


@pytest.mark.corpus
def test_a_waiver_clears_the_release_until_its_expiry(
    restricted: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _check(str(restricted), "--policy", str(EXAMPLE_POLICY), "--format", "json")
    (release,) = json.loads(capsys.readouterr().out)["releases"]
    policy = tmp_path / "opengrade.toml"
    policy.write_text(
        EXAMPLE_POLICY.read_text(encoding="utf-8")
        + f'\n[[waivers]]\nrelease = "{release["release"]}"\nrule = "licenses.weights"\n'
        f'reason = "research evaluation"\napprover = "legal@example.org"\n'
        f'expires = 2027-03-31\nterms = "{release["terms"]}"\n',
        encoding="utf-8",
    )
    assert _check(str(restricted), "--policy", str(policy), "--today", "2027-03-31") == 0
    assert "applied" in capsys.readouterr().out
    assert _check(str(restricted), "--policy", str(policy), "--today", "2027-04-01") == 1
    assert "expired on 2027-03-31" in capsys.readouterr().out


@pytest.mark.corpus
def test_the_policy_in_pyproject_is_found(
    restricted: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = EXAMPLE_POLICY.read_text(encoding="utf-8")
    body = body.replace("[licenses.", "[tool.opengrade.licenses.").replace(
        "[mof]", "[tool.opengrade.mof]"
    )
    body = body.replace("[osaid]", "[tool.opengrade.osaid]").replace(
        "[findings]", "[tool.opengrade.findings]"
    )
    body = body.replace("version = 1", "[tool.opengrade]\nversion = 1")
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n\n" + body, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert _check(str(restricted)) == 1


@pytest.mark.corpus
def test_outputs_to_a_file_and_the_github_step_summary(
    restricted: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    output = tmp_path / "annotations.txt"
    args = [
        str(restricted),
        "--policy",
        str(EXAMPLE_POLICY),
        "--format",
        "github",
        "-o",
        str(output),
    ]
    assert _check(*args) == 1
    assert capsys.readouterr().out == ""
    assert output.read_text(encoding="utf-8").startswith("::error file=")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## opengrade check: failed")


@pytest.mark.corpus
def test_store_records_once_and_discovery_locates_results(restricted: Path, tmp_path: Path) -> None:
    from opengrade.store import open_store

    release_id = assess(str(restricted)).snapshot.id
    code = tmp_path / "service"
    code.mkdir()
    use = f'model = AutoModel.from_pretrained("{release_id}")\n'
    (code / "load.py").write_text("from transformers import AutoModel\n\n" + use, encoding="utf-8")
    store = f"sqlite:///{tmp_path / 'inventory.db'}"
    sarif = tmp_path / "check.sarif"
    args = [str(restricted), "--policy", str(EXAMPLE_POLICY), "--store", store, "--format", "sarif"]
    assert _check(*args, "--discover", str(code), "-o", str(sarif)) == 1
    assert _check(*args) == 1
    with open_store(store) as opened:
        assert len(opened.history(release_id)) == 1
    log = json.loads(sarif.read_text(encoding="utf-8"))
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"].endswith("service/load.py")
    assert location["region"]["startLine"] == 3


@pytest.mark.corpus
def test_checking_the_store_reads_back_the_same_verdicts(
    restricted: Path, open_release: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = f"sqlite:///{tmp_path / 'inventory.db'}"
    targets = [str(restricted), str(open_release)]
    common = ["--policy", str(EXAMPLE_POLICY), "--format", "json"]
    assert _check(*targets, *common, "--store", store) == 1
    direct = json.loads(capsys.readouterr().out)["releases"]
    assert _check(*common, "--store", store) == 1
    stored = json.loads(capsys.readouterr().out)["releases"]
    assert sorted(
        (r["release"], r["verdict"], r["terms"], r["revision"]) for r in direct
    ) == sorted((r["release"], r["verdict"], r["terms"], r["revision"]) for r in stored)
    assert _check("--policy", str(EXAMPLE_POLICY)) == 2
    assert "or pass --store URL" in capsys.readouterr().err


@pytest.mark.corpus
def test_the_auditor_export_gets_the_policy_result_and_waiver(
    restricted: Path, tmp_path: Path
) -> None:
    from dataclasses import replace
    from datetime import date

    from opengrade.formats.report_json import JsonFormat
    from opengrade.formats.report_reader import load_report
    from opengrade.model.report import Report
    from opengrade.policy.audit import audit_columns
    from opengrade.policy.model import Waiver
    from opengrade.policy.terms import terms_fingerprint
    from opengrade.scan.revision import content_revision
    from opengrade.store import Grade, open_store

    report = assess(str(restricted))
    waiver = Waiver(
        release=report.snapshot.id,
        rule="licenses.weights",
        reason="research evaluation",
        approver="legal@example.org",
        expires=date(2027, 3, 31),
        terms=terms_fingerprint(report),
        index=0,
        revision=content_revision(report.snapshot),
    )
    policy = replace(load_policy(EXAMPLE_POLICY), waivers=(waiver,))
    with open_store(str(tmp_path / "inventory.db")) as store:
        store.add_report(JsonFormat().render(report), revision=waiver.revision)

        def report_of(grade: Grade) -> Report:
            return load_report(store.report_text(grade))

        hook = audit_columns(policy, report_of, today=date(2027, 3, 31))
        (row,) = store.audit_rows(policy=hook)
        assert row.policy.result != "fail"
        assert (row.policy.waiver, row.policy.approver) == ("licenses.weights", "legal@example.org")
        assert row.policy.expires == "2027-03-31"
        late = audit_columns(policy, report_of, today=date(2027, 4, 1))
        (row,) = store.audit_rows(policy=late)
        assert row.policy.result == "fail" and row.policy.waiver == ""


@pytest.mark.corpus
def test_a_mot_listing_is_checked_and_located_at_its_yaml(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    listing = sorted((corpus / "mot" / "models").glob("*.yml"))[0]
    assert _check(str(listing), "--policy", str(EXAMPLE_POLICY), "--format", "json") in (0, 1)
    (release,) = json.loads(capsys.readouterr().out)["releases"]
    paths = {result["location"]["path"] for result in release["results"]}
    assert paths == {listing.resolve().as_posix()}
