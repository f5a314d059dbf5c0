"""Fixture models for validation tests: trained on the corpus's German Credit file, exported to
ONNX (a gradient-boosted tree pipeline) and skops (a logistic regression).

The data file is read in place (``../shared/corpus/validation/german_credit.csv``), never copied.
Its ``sex`` column is unreliable (see its SOURCE.md): these models only exercise the arithmetic
and reporting of ``opengrade validate``. Run ``python tests/validation/fixture_models.py DIR`` to
write both models (and a release card) to DIR.
"""

from __future__ import annotations

import sys
from pathlib import Path

CATEGORICAL = ("sex", "housing", "saving_accounts", "checking_account", "purpose")
NUMERIC = ("job", "credit_amount", "duration", "age")
CARD = """---
license: apache-2.0
tags: [tabular-classification]
---
# German Credit risk classifier (fixture)

A small classifier of credit risk trained on the German Credit (Statlog) data, for tests.

## Evaluation results

Accuracy on the training data is not a validation; see the validation report.

## Limitations

The `sex` attribute of this data is unreliable; do not draw conclusions about discrimination.
"""


def german_credit(corpus: Path) -> Path:
    """The German Credit file in the corpus."""
    return corpus / "validation" / "german_credit.csv"


def _pipeline(classifier: object) -> object:
    from sklearn.compose import ColumnTransformer
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    columns = ColumnTransformer(
        [
            ("categories", OneHotEncoder(handle_unknown="ignore"), list(CATEGORICAL)),
            ("numbers", StandardScaler(), list(NUMERIC)),
        ]
    )
    return Pipeline([("columns", columns), ("classifier", classifier)])


def _training_frame(data: Path) -> tuple[object, object]:
    import pandas

    frame = pandas.read_csv(data)
    features = frame[list(CATEGORICAL + NUMERIC)].copy()
    for name in NUMERIC:
        features[name] = features[name].astype("float64")
    return features, frame["risk"]


def write_onnx(data: Path, target: Path) -> Path:
    """Train a small gradient-boosted tree pipeline and export it to ONNX (one input per
    column, probabilities as a tensor)."""
    from skl2onnx import to_onnx
    from sklearn.ensemble import GradientBoostingClassifier

    features, label = _training_frame(data)
    model = _pipeline(GradientBoostingClassifier(n_estimators=30, max_depth=3, random_state=0))
    model.fit(features, label)  # type: ignore[attr-defined]
    exported = to_onnx(
        model, features[:1], options={"zipmap": False}, target_opset={"": 17, "ai.onnx.ml": 3}
    )
    target.write_bytes(exported.SerializeToString())
    return target


def write_skops(data: Path, target: Path) -> Path:
    """Train a logistic regression pipeline and save it with skops."""
    import skops.io
    from sklearn.linear_model import LogisticRegression

    features, label = _training_frame(data)
    model = _pipeline(LogisticRegression(max_iter=1000))
    model.fit(features, label)  # type: ignore[attr-defined]
    skops.io.dump(model, target)
    return target


def write_release(data: Path, folder: Path) -> Path:
    """A release folder: a card and the ONNX model."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "README.md").write_text(CARD, encoding="utf-8")
    write_onnx(data, folder / "model.onnx")
    return folder


if __name__ == "__main__":
    corpus = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
    out = Path(sys.argv[1])
    write_release(german_credit(corpus), out / "release")
    write_skops(german_credit(corpus), out / "model.skops")
    print(f"wrote {out / 'release'} and {out / 'model.skops'}")
