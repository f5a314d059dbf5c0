"""The exceptions opengrade raises.

Exceptions are only for "could not look at the release" or "the caller asked for something
impossible"; missing or unreadable *evidence* is a value (a problem or an ``unknown`` result).

    OpengradeError
     ├── SourceError             a release could not be read at all
     │    ├── ReleaseNotFound    the path or id does not exist
     │    ├── ReleaseUnreadable  it exists but holds no readable release (empty dir, not a dir)
     │    └── ManifestError      a MOT YAML that cannot be loaded or breaks MOT's schema
     ├── InputError              an option given to the assessment cannot be used
     │    └── LinkedInputError   a linked input (--code, --base) cannot be read
     ├── LicenseError            the license index or catalogue cannot be loaded
     ├── FrameworkError          a rules file is broken
     ├── StoreError              the inventory store cannot be used (nothing was written)
     │    ├── StoreUnreachable   the database server cannot be reached, or the URL is wrong
     │    ├── StoreCorrupt       the file is not an opengrade store, or is damaged
     │    └── StoreTooNew        a newer opengrade made this store (its schema is newer)
     ├── FormatError             a report or BOM cannot be written
     │    └── ValidationError    a BOM fails its official schema (nothing was written)
     └── ReportError             a stored JSON report cannot be read back
"""

from __future__ import annotations


class OpengradeError(Exception):
    """Root of every error opengrade raises on purpose."""


class SourceError(OpengradeError):
    """A release could not be read."""


class ReleaseNotFound(SourceError):
    """The path or identifier names nothing."""


class ReleaseUnreadable(SourceError):
    """The target exists but holds no readable release."""


class ManifestError(SourceError):
    """A Model Openness Tool YAML that cannot be loaded or breaks MOT's schema."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class InputError(OpengradeError):
    """An option of the assessment cannot be used (e.g. a revision for a local path).
    ``option`` names it as the command line spells it."""

    def __init__(self, message: str, *, option: str) -> None:
        super().__init__(message)
        self.option = option


class LinkedInputError(InputError):
    """A linked input (a code checkout, a base release) cannot be read: ``option`` and
    ``path`` say which."""

    def __init__(self, message: str, *, option: str, path: str) -> None:
        super().__init__(message, option=option)
        self.path = path


class LicenseError(OpengradeError):
    """The license index or catalogue could not be loaded."""


class FrameworkError(OpengradeError):
    """A framework's rules file is broken."""


class StoreError(OpengradeError):
    """The inventory store could not be opened, read or written; nothing was lost."""


class StoreUnreachable(StoreError):
    """The store's URL is wrong, or its database server cannot be reached."""


class StoreCorrupt(StoreError):
    """The store is not an opengrade store, or its file is damaged."""


class StoreTooNew(StoreError):
    """The store was written by a newer opengrade: its schema version is newer than ours."""


class FormatError(OpengradeError):
    """A report or bill of materials could not be written."""


class ValidationError(FormatError):
    """A document failed validation against its official schema; nothing was written."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class ReportError(OpengradeError):
    """A stored JSON report cannot be read back (not JSON, another major schema version, or
    a required key missing)."""
