"""opengrade: grade how open an AI model release really is, from evidence."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
