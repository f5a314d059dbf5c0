"""Policy tests import their shared helpers from ``policy_helpers`` beside this file (the folder
goes on ``sys.path`` so the import works in every pytest import mode and in xdist workers)."""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)
