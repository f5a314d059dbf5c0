"""Framework tests import their shared helpers from ``corpus_releases`` beside this file.

The folder goes on ``sys.path`` explicitly so that the import works in every pytest import mode
and in xdist workers, without making ``tests`` a package.
"""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)
