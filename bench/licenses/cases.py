"""The benchmark's files and the answer expected for each (stdlib only: both venvs import it).

texts/ and variants/: the key is the file name up to ``--``. Release files: the answers written
down in tests/licenses/test_identify_models.py after reading each file (() = unknown is right).
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("OPENGRADE_CORPUS", ROOT.parent / "shared" / "corpus"))

RELEASE_FILES: dict[str, tuple[str, ...]] = {
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
    "openai-community__gpt2/LICENSE": ("MIT",),
    "openai__whisper-large-v3/LICENSE": ("MIT",),
    "stabilityai__stable-cascade/LICENSE": ("stabilityai-nc-research-community",),
    "tiiuae__falcon-40b/LICENSE.txt": (),
    "xai-org__grok-1/LICENSE.txt": ("Apache-2.0",),
}


def cases() -> list[tuple[str, Path, str | None, str]]:
    """(name, path, expected first key or None for unknown, group) for every benchmark file."""
    found = []
    for group in ("texts", "variants"):
        for path in sorted((CORPUS / "licenses" / group).glob("*.txt")):
            found.append((f"{group}/{path.name}", path, path.stem.split("--")[0], group))
    for relative, keys in sorted(RELEASE_FILES.items()):
        found.append(
            (
                f"models/{relative}",
                CORPUS / "models" / relative,
                keys[0] if keys else None,
                "models",
            )
        )
    return found + edited_cases()


def is_ai_license(key: str | None) -> bool:
    """AI-specific agreements: keys that are not SPDX ids (SPDX ids carry capitals or digits)."""
    return key is not None and key == key.lower() and not key.startswith(("mit", "isc"))


def edited_cases() -> list[tuple[str, Path, str | None, str]]:
    """Each AI agreement edited as repositories do (re-wrapped, Markdown heading, copyright line).

    Written once, deterministically, to a temporary folder that both benchmarks read.
    """
    import re
    import tempfile
    import textwrap

    folder = Path(tempfile.gettempdir()) / "opengrade-bench-edited"
    folder.mkdir(exist_ok=True)
    found = []
    for path in sorted((CORPUS / "licenses" / "texts").glob("*.txt")):
        key = path.stem
        if not is_ai_license(key):
            continue
        text = path.read_text(encoding="utf-8")
        paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
        body = "\n\n".join(textwrap.fill(" ".join(p.split()), 72) for p in paragraphs)
        edited = f"Copyright (c) 2031 Example Labs\n\n# {paragraphs[0].splitlines()[0]}\n\n{body}\n"
        target = folder / f"{key}.txt"
        if not target.exists() or target.read_text(encoding="utf-8") != edited:
            target.write_text(edited, encoding="utf-8")
        found.append((f"edited/{key}.txt", target, key, "edited"))
    return found
