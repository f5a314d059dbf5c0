"""``python -m opengrade.cli``."""

from opengrade.cli import main

raise SystemExit(main())
