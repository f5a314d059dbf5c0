"""Policy as code: an ``opengrade.toml`` (or ``[tool.opengrade]`` in ``pyproject.toml``)
evaluated over graded releases, with waivers, and the CI output formats of ``opengrade check``.

    load.py       the policy file -> Policy (schema.py checks it against data/policy.schema.json)
    terms.py      the adapter: concluded license keys, categories and openness per scope
    evaluate.py   each rule over one report -> RuleResult (pass, violated, unknown)
    waivers.py    approved exceptions, valid until their expiry and while the terms are unchanged
    check.py      targets -> reports -> CheckRun
    formats/      text, json, sarif, junit, github, gitlab
"""
