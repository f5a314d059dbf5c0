"""The ``--store URL`` option shared by the inventory commands, and opening the store."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opengrade.store import Store


def add_store_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store",
        metavar="URL",
        help="the inventory store: a file path, sqlite:///PATH or postgresql://USER@HOST/DB "
        "(default $OPENGRADE_STORE, else ~/.local/share/opengrade/inventory.db)",
    )


def open_cli_store(args: argparse.Namespace) -> Store | None:
    """The store named by ``--store``; None after printing why it cannot be opened."""
    from opengrade.errors import StoreError
    from opengrade.store import open_store

    try:
        return open_store(args.store)
    except StoreError as error:
        print(f"opengrade: {error}", file=sys.stderr)
        return None
