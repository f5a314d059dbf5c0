"""The evidence tests' helpers live in the shared test support (:mod:`support.snapshots`)."""

from support.snapshots import corpus_folders, corpus_snapshot, folder_snapshot, written_snapshot

__all__ = ["corpus_folders", "corpus_snapshot", "folder_snapshot", "written_snapshot"]
