"""Validation runs: a model run safely on the user's labelled data, measured for accuracy and
fairness by group, with bootstrap confidence intervals (``opengrade validate``).

Only formats that carry no code run: ONNX (onnxruntime, CPU provider, standard operator domains,
weights only from the model's folder) and scikit-learn through skops with an allow-list of types.
The model runs in a child process with memory, CPU-time and wall-clock limits
(:mod:`opengrade.validation.runner`). Metrics come from fairlearn and scikit-learn
(:mod:`opengrade.validation.metrics`); the heavy libraries load only when a validation runs.
Needs the extra ``opengrade[validate]``.
"""
