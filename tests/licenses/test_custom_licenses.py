"""Custom licenses named by name, link or link text resolve to their catalogue key, as declared.

The card labels below were made by hand, reading each card's front matter and license section
(../shared/corpus/cards); the names and addresses after them are written here, with spellings
the cards do not use, so the rule is tested rather than the files.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from opengrade.evidence import license_files, model_card
from opengrade.licenses.catalog import all_terms, terms
from opengrade.licenses.conclude import conclude
from opengrade.licenses.declarations import ResolutionStatus, resolve_declaration
from opengrade.licenses.identify import identify_file
from opengrade.licenses.links import license_links
from opengrade.model import ReleaseSnapshot, Scope, SourceKind, TextFile
from opengrade.model.license import LicenseCategory

REPO = Path(__file__).resolve().parents[2]

# card -> the keys its weights are concluded to (by hand); "" when the terms stay unknown
CARD_LABELS = {
    "yodayo-ai_kivotos-xl-2.0": "faipl-1.0-sd",  # license_name + freedevproject.org link
    "waifu-diffusion_wd-1-5-beta": "faipl-1.0-sd",  # only a sentence of its License section
    "jasperai_Flux.1-dev-Controlnet-Depth": "flux-1-dev-non-commercial-license",
    "lllyasviel_flux1_dev": "flux-1-dev-non-commercial-license",  # .../resolve/main/LICENSE.md
    "sayakpaul_FLUX.1-merged": "flux-1-dev-non-commercial-license",  # relative link: name only
    "stabilityai_sdxl-turbo": "stabilityai-nc-research-community",  # sai-nc-community
    "rain1011_pyramid-flow-sd3": "stabilityai-ai-community",
    "stabilityai_stablelm-2-12b": "stabilityai-ai-community",  # "License: [name](link)" label
    "SanctumAI_Codestral-22B-v0.1-GGUF": "mnpl",
    "bartowski_Mistral-Small-Instruct-2409-GGUF": "mrl",
    "coqui_XTTS-v2": "coqui-public-model-license",
    "THUDM_glm-4-9b": "glm-4",
    "THUDM_cogvlm2-llama3-chat-19B": "cogvlm2,llama3",  # "please also adhere to the LLAMA3_LICENSE"
    "Tencent-Hunyuan_HunyuanDiT": "tencent-hunyuan-community",
    "microsoft_Orca-2-7b": "llama2,microsoft-research-license",  # a Llama 2 fine-tune
    "baichuan-inc_Baichuan2-13B-Chat": "baichuan2-community",  # a link to the agreement's PDF
    # named, but not catalogued or ambiguous: stays unknown, never the nearest key
    "tiiuae_falcon-mamba-7b": "",
    "stabilityai_stable-video-diffusion-img2vid": "",  # the name fits two Stability texts
    "fluently_Fluently-XL-v2": "",
    "facebook_opt-1.3b": "",  # "license: other" and nothing else
}


def _weights_keys(cards: Path, name: str) -> str:
    text = (cards / f"{name}.md").read_text(encoding="utf-8")
    snapshot = ReleaseSnapshot(name, SourceKind.LOCAL, name, texts=(TextFile("README.md", text),))
    evidence = model_card.extract(snapshot) + license_files.extract(snapshot)
    licensing, _ = conclude(snapshot, evidence)
    return ",".join(sorted({use.key for use in licensing.concluded(Scope.WEIGHTS) if use.key}))


@pytest.mark.parametrize("name", sorted(CARD_LABELS))
def test_real_cards_resolve_custom_licenses(corpus: Path, name: str) -> None:
    assert _weights_keys(corpus / "cards", name) == CARD_LABELS[name]


@pytest.mark.parametrize(
    ("value", "via", "key"),
    [
        ("Stability AI Community License Agreement", "license_name", "stabilityai-ai-community"),
        ("stability-ai-community-license", "license_name", "stabilityai-ai-community"),
        ("FLUX.1-dev Non-Commercial License", "license_name", "flux-1-dev-non-commercial-license"),
        ("Flux Dev License", "license_name", "flux-1-dev-non-commercial-license"),
        ("Mistral AI Research License", "license_name", "mrl"),
        ("Mistral AI Non-Production License", "name", "mnpl"),
        ("the Coqui Public Model License 1.0.0", "name", "coqui-public-model-license"),
        ("Tencent Hunyuan Community License Agreement", "name", "tencent-hunyuan-community"),
        ("Fair AI Public License 1.0-SD", "name", "faipl-1.0-sd"),
        ("OPT-175B License Agreement", "name", "opt-175b"),
        ("Chameleon Research License", "name", "chameleon-research-license"),
        ("the Seamless Licensing Agreement", "name", "seamless-license"),
        ("The ChatGLM2-6B License", "name", "chatglm2-6b"),
        ("https://mistral.ai/licences/MRL-0.1.md", "license_link", "mrl"),
        ("http://www.coqui.ai/cpml/", "license_link", "coqui-public-model-license"),
        (
            "https://huggingface.co/black-forest-labs/FLUX.1-dev/raw/main/LICENSE.md",
            "license_link",
            "flux-1-dev-non-commercial-license",
        ),
        (
            "https://github.com/Tencent/HunyuanDiT/blob/main/LICENSE.txt",
            "license_link",
            "tencent-hunyuan-community",
        ),
        (
            "https://huggingface.co/baichuan-inc/Baichuan2-13B-Base/raw/v2/"
            "Community License for Baichuan2 Model.pdf",
            "license_link",
            "baichuan2-community",
        ),
    ],
)
def test_names_and_links_written_otherwise(value: str, via: str, key: str) -> None:
    resolution = resolve_declaration(value, via=via)
    assert resolution.status == ResolutionStatus.RESOLVED, resolution.reason
    assert resolution.keys == (key,)


@pytest.mark.parametrize(
    "value",
    [
        "Stability AI License",  # which one? community, non-commercial, research...
        "Mistral License",
        "Tencent Hunyuan 3D License",
        "GLM License",
        "Meta Research License",
        "https://stability.ai/license",  # the page listing all of Stability's licenses
    ],
)
def test_ambiguous_names_stay_unknown(value: str) -> None:
    assert resolve_declaration(value, via="license_name").keys == ()


def test_a_file_of_another_repository_is_not_a_license_address() -> None:
    link = "https://huggingface.co/black-forest-labs/FLUX.1-schnell/blob/main/LICENSE.md"
    resolution = resolve_declaration(link, via="license_link")
    assert resolution.keys == () and resolution.status == ResolutionStatus.FILE


def test_links_in_a_license_section() -> None:
    section = (
        "## License\n"
        "The weights can be used under [these terms](https://coqui.ai/cpml).\n"
        "Code: see https://github.com/someone/project/blob/main/LICENSE and the\n"
        "[Mistral AI Research License](https://mistral.ai/licenses/MRL-0.1.md).\n"
    )
    found = license_links(section, first_line=10)
    assert [(link.key, link.line) for link in found] == [
        ("coqui-public-model-license", 11),
        ("mrl", 13),
    ]


def test_a_link_speaks_only_for_what_its_sentence_is_about() -> None:
    section = (
        "The code is released under the [Apache License](https://www.apache.org/licenses/"
        "LICENSE-2.0). The weights follow [our terms](./WEIGHTS_TERMS.md).\n"
        "Use of the model requires the [Acme Model Agreement](https://acme.example/agreement.pdf)"
        " and [Apache 2.0](https://www.apache.org/licenses/LICENSE-2.0).\n"
        "Use of the model requires the [Acme Model Agreement](https://acme.example/agreement.pdf)"
        " and the [FLUX.1 dev license](https://huggingface.co/black-forest-labs/FLUX.1-dev/"
        "blob/main/LICENSE.md).\n"
        "Our license is based on the [Coqui license](https://coqui.ai/cpml).\n"
    )
    found = [(link.key, link.line, link.scope) for link in license_links(section)]
    assert found == [
        ("Apache-2.0", 1, Scope.CODE),  # about the code only
        # line 2: Apache beside terms opengrade cannot resolve is not the model's license
        ("flux-1-dev-non-commercial-license", 3, None),  # a restrictive one is kept
        # line 4: about another license
    ]


def test_every_fingerprinted_text_is_cited_and_every_citation_listed() -> None:
    with (REPO / "tools" / "reference_texts.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    for row in rows:
        entry = terms(row["key"])
        assert entry is not None, row["key"]
        assert entry.sources["text"] == f"{row['repo']}:{row['path']}@{row['commit']}"
        assert len(row["sha256"]) == 64 and row["indexed"].split(":")[0] in {"yes", "no"}


def test_restrictive_custom_licenses_are_never_open() -> None:
    restrictive = {
        LicenseCategory.NON_COMMERCIAL,
        LicenseCategory.RESEARCH_ONLY,
        LicenseCategory.COMMUNITY_RESTRICTED,
        LicenseCategory.RAIL,
    }
    for entry in all_terms():
        if entry.category in restrictive:
            assert entry.osd_conformant is not True, entry.key
        if entry.commercial_use is False:
            assert entry.category in restrictive | {LicenseCategory.PROPRIETARY}, entry.key


def _wild_table() -> list[dict[str, str]]:
    with (Path(__file__).parent / "wild_catalog_keys.tsv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


@pytest.mark.parametrize("row", _wild_table(), ids=lambda row: row["file"][:40])
def test_wild_files_of_the_added_licenses(corpus: Path, row: dict[str, str]) -> None:
    """Each wild file holding a license this catalogue added: identified as its key, intact,
    when the text is fingerprinted; never as another added key."""
    result = identify_file(corpus / "licenses" / "wild" / row["file"])
    intact = {match.key for match in result.matches if not match.modified}
    if row["indexed"] == "yes":
        assert row["key"] in intact
    added = {line["key"] for line in _wild_table()} - {row["key"]}
    assert not intact & added


def test_no_other_wild_file_is_taken_for_an_added_license(corpus: Path) -> None:
    """A sibling (CarsiDock, CogCoM, a renamed DeepSeek...) must not come back as a key added
    here: only the files the facts or the table above name may carry one."""
    with (REPO / "tools" / "reference_texts.tsv").open(encoding="utf-8") as handle:
        added = {row["key"] for row in csv.DictReader(handle, delimiter="\t")}
    added |= {row["key"] for row in _wild_table()}
    named = {row["file"]: {row["key"]} for row in _wild_table()}
    wild = corpus / "licenses" / "wild"
    with (wild / "facts.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            allowed = set(row["keys"].split(",")) | named.get(row["file"], set())
            result = identify_file(wild / row["file"])
            intact = {match.key for match in result.matches if not match.modified}
            assert not (intact & added) - allowed, row["file"]
