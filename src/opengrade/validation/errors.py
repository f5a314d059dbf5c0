"""The errors of a validation run, each mapped to one exit code by the CLI.

OpengradeError
 └── ValidationRunError       a validation could not be done
      ├── ModelRefused        a format that can carry code, or an unsafe ONNX/skops model (5)
      ├── ModelRunFailed      the model crashed or hit a memory, CPU or time limit (6)
      ├── InputUnreadable     no such model or data file, or one that cannot be parsed (3)
      └── DataMismatch        the data does not fit the options: a missing column, a label
                              with a third value, an empty sensitive column (3)
"""

from __future__ import annotations

from opengrade.errors import OpengradeError


class ValidationRunError(OpengradeError):
    """A validation run could not be done; the message says what to do next."""


class ModelRefused(ValidationRunError):
    """The model is in a format that can carry code, or asks for something unsafe."""


class ModelRunFailed(ValidationRunError):
    """The model ran but crashed, or hit the memory, CPU-time or wall-clock limit."""


class InputUnreadable(ValidationRunError):
    """The model or data file does not exist or cannot be parsed."""


class DataMismatch(ValidationRunError):
    """The data does not fit the options (a missing column, a label with a third value...)."""
