"""``python -m opengrade``."""

from opengrade.cli import main

raise SystemExit(main())
