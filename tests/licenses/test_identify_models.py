"""License files in the corpus' real releases: identified, or honestly unknown.

The expected answers were written down after reading each file: e.g. meta__llama-7b carries the
LLaMA 1 research license and falcon-40b the "TII Falcon LLM License 1.0", which have no
reference text, so the only right answer is unknown (never DeepFloyd or Apache, which share
much of their wording).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from opengrade.licenses.identify import identify_file

EXPECTED: dict[str, tuple[str, ...]] = {
    "01-ai__Yi-6B/LICENSE": ("Apache-2.0",),
    "01-ai__Yi-6B/MODEL_LICENSE_AGREEMENT.txt": ("Apache-2.0",),
    "01-ai__Yi-6B/NOTICE": ("Apache-2.0",),
    "CohereForAI__c4ai-command-r-plus/LICENSE": ("MIT",),
    "CompVis__stable-diffusion-v1-4/LICENSE": ("creativeml-openrail-m",),
    "EleutherAI__pythia-6.9b/LICENSE": ("Apache-2.0",),
    "HuggingFaceTB__SmolLM-1.7B/LICENSE": ("Apache-2.0",),
    "LLM360__Amber/LICENSE": ("Apache-2.0",),
    "Qwen__Qwen-72B/LICENSE.md": ("tongyi-qianwen",),
    "Qwen__Qwen-72B/NOTICE.md": ("BSD-3-Clause", "MIT", "Apache-2.0", "MIT"),
    "Snowflake__snowflake-arctic-instruct/LICENSE": ("Apache-2.0",),
    "TinyLlama__TinyLlama-1.1B-intermediate-step-1431k-3T/LICENSE": ("Apache-2.0",),
    "allenai__OLMo-7B/LICENSE": ("Apache-2.0",),
    "bigcode__starcoder2-15b/CODE_REPO_LICENSE": ("Apache-2.0",),
    "deepseek-ai__DeepSeek-R1/LICENSE": ("MIT",),
    "deepseek-ai__DeepSeek-R1-Distill-Qwen-32B/LICENSE": ("MIT",),
    "deepseek-ai__DeepSeek-V3/LICENSE-CODE": ("MIT",),
    "deepseek-ai__DeepSeek-V3/LICENSE-MODEL": ("deepseek",),
    "meta-llama__Llama-2-7b-hf/LICENSE.txt": ("llama2",),
    "meta-llama__Llama-2-7b-hf/USE_POLICY.md": ("llama2-acceptable-use-policy",),
    "meta-llama__Llama-3.1-8B/LICENSE": ("llama3.1",),
    "meta-llama__Llama-3.1-8B/USE_POLICY.md": ("llama3.1-acceptable-use-policy",),
    "meta__llama-7b/LICENSE": (),
    "mistralai__Mistral-7B-v0.1/LICENSE": ("Apache-2.0",),
    # "Modified MIT License": a request about use above the unchanged MIT grant (lines 6-24).
    "openai-community__gpt2/LICENSE": ("MIT",),
    "openai__whisper-large-v3/LICENSE": ("MIT",),
    "stabilityai__stable-cascade/LICENSE": ("stabilityai-nc-research-community",),
    "tiiuae__falcon-40b/LICENSE.txt": (),
    "xai-org__grok-1/LICENSE.txt": ("Apache-2.0",),
}


@pytest.mark.parametrize("relative", sorted(EXPECTED))
def test_release_license_file(corpus: Path, relative: str) -> None:
    result = identify_file(corpus / "models" / relative)
    assert tuple(match.key for match in result.matches) == EXPECTED[relative]
    if not EXPECTED[relative]:
        assert result.candidates, "an unknown answer names its closest candidates"


def test_every_license_file_of_the_corpus_is_listed(corpus: Path) -> None:
    prefixes = ("LICENSE", "LICENCE", "COPYING", "NOTICE", "USE_POLICY", "MODEL_LICENSE")
    found = {
        f"{path.parent.name}/{path.name}"
        for path in (corpus / "models").glob("*/*")
        if path.name.upper().startswith(prefixes) or path.name == "CODE_REPO_LICENSE"
    }
    assert found == set(EXPECTED)


def test_llama1_license_is_unknown_not_its_derivatives(corpus: Path) -> None:
    result = identify_file(corpus / "models" / "meta__llama-7b" / "LICENSE")
    assert result.matches == ()
    assert {c.key for c in result.candidates[:2]} == {"deepfloyd-if-license", "sdxl-0.9-research"}
