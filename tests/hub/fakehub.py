"""A Hugging Face Hub on loopback, for tests and benchmarks (never reaches the network).

It implements the endpoints the real ``huggingface_hub`` client calls (read from its source):

    GET  /api/{models,datasets}/ORG/NAME[/revision/REV]     repository info (siblings; sizes and
                                                             LFS info with ``?blobs=true``)
    GET  /api/{models,datasets}/ORG/NAME/refs                branches and tags
    GET  /api/{models,datasets}/ORG/NAME/tree/REV[/PATH]     tree (``?recursive=true``)
    HEAD/GET /ORG/NAME/resolve/REV/PATH                      a file (X-Repo-Commit, ETag,
    HEAD/GET /datasets/ORG/NAME/resolve/REV/PATH             X-Linked-Size/-Etag, Range → 206)

Content. :meth:`FakeHub.add_corpus` serves every release folder ``org__name`` of the corpus as
``org/name``: its ``listing.json`` is the upstream listing (paths and sizes); files of the folder
are served with their real bytes (a folder file named ``a__b`` is the listed ``a/b``, the corpus's
flattening of sub-folders). Listed files absent from the corpus (weights, mostly) are served as
**zero bytes** of the listed size, generated lazily. We do not invent safetensors headers for them:
a parameter count made up by a test server would end up in reports, so a range read of such a
file honestly finds no valid header. Tests that need a real header serve a real file (the MiniLM
release) or one they generate. The corpus records no LFS SHA-256, so listed LFS files get a
stand-in ``sha256`` derived from repository, path and size (marked by :func:`stand_in_sha256`);
files with real bytes get their real SHA-256. Releases whose real repository keeps intermediate
checkpoints as branches (Pythia, Amber, K2) get those branches too
(:func:`fakehub_content.corpus_branches`).

Request handling lives in :mod:`fakehub_handler`. Run as ``python fakehub.py MODELS_DIR``
it serves the corpus in its own process (the benchmark does), with ``/_fakehub/stats`` and
``/_fakehub/reset`` for the counters.

Behaviours per repository (:class:`Behaviour`): gated (files need a token), private (everything
needs a token; 401 ``RepoNotFound`` as the real Hub answers), missing (404),
rate-limited (429 with ``Retry-After``), slow (a delay before each answer), dripping (bodies
sent 16 bytes at a time with a pause between), ignoring ``Range`` (the whole file, HTTP 200, as
some proxies do), truncating (announce the full length, send half, close), server errors (5xx).
Every request and every byte of file content served is counted, per file, so tests can assert
that no weight was downloaded.
"""

from __future__ import annotations

import hashlib
import threading
from collections import Counter
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path

from fakehub_content import FakeRepo, load_corpus_release, real_file
from fakehub_handler import VALID_TOKEN, HubRequestHandler
from fakehub_listing import Catalogue, ListedRelease, ListingFaults, RateLimit

__all__ = ["VALID_TOKEN", "Behaviour", "FakeHub", "Stats", "stand_in_sha256"]


def stand_in_sha256(repo_id: str, path: str, size: int) -> str:
    """The stand-in LFS hash of a listed file the corpus has no bytes (and no hash) for."""
    return hashlib.sha256(f"opengrade-fakehub:{repo_id}:{path}:{size}".encode()).hexdigest()


@dataclass
class Behaviour:
    """How a repository misbehaves. ``times`` limits failures to the first N requests;
    ``arrivals`` counts the requests that reached it (before any delay)."""

    gated: bool = False
    private: bool = False
    missing: bool = False
    rate_limited: bool = False
    retry_after: str = "0"
    slow_seconds: float = 0.0
    drip_seconds: float = 0.0  # a pause before each 16-byte piece of every body
    ignores_range: bool = False  # answers a range request with the whole file (HTTP 200)
    truncating: bool = False
    server_error: int | None = None
    times: int | None = None
    failures: int = 0
    arrivals: int = 0

    def fails_now(self) -> bool:
        """Whether this request should misbehave (counts it)."""
        if self.times is not None and self.failures >= self.times:
            return False
        self.failures += 1
        return True


@dataclass
class Stats:
    """What the server did: requests (method, path, status) and content bytes per file."""

    requests: list[tuple[str, str, int]] = field(default_factory=list)
    bytes_served: Counter[tuple[str, str]] = field(default_factory=Counter)

    def requests_for(self, repo_id: str) -> int:
        """Requests whose path names ``repo_id``."""
        return sum(1 for _, path, _ in self.requests if f"/{repo_id}/" in path + "/")


class FakeHub:
    """The loopback Hub. Use as a context manager; ``endpoint`` is its base URL."""

    def __init__(self) -> None:
        self.repos: dict[tuple[str, str], FakeRepo] = {}
        self.behaviours: dict[str, Behaviour] = {}
        self.stats = Stats()
        self.catalogue = Catalogue()
        self.rate_limit: RateLimit | None = None
        self.listing_faults = ListingFaults()
        self.lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), HubRequestHandler)
        self._server.daemon_threads = True
        self._server.hub = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def endpoint(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> FakeHub:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    # ---- content -------------------------------------------------------------------------
    def add_repo(self, repo: FakeRepo) -> FakeRepo:
        self.repos[(repo.repo_type, repo.repo_id)] = repo
        return repo

    def add_corpus(self, models_dir: Path) -> list[str]:
        """Serve every corpus release folder (and list it); returns the repository ids."""
        added = []
        for folder in sorted(path for path in models_dir.iterdir() if path.is_dir()):
            repo = load_corpus_release(folder, stand_in_sha256)
            self.add_repo(repo)
            self.catalogue.add(_listed(repo))
            added.append(repo.repo_id)
        return added

    def add_cards(self, cards_dir: Path, *, limit: int | None = None, copies: int = 1) -> int:
        """List one card-only release per real card (see :mod:`fakehub_listing`)."""
        return self.catalogue.add_cards(cards_dir, limit=limit, copies=copies)

    def find_repo(self, repo_type: str, repo_id: str) -> FakeRepo | None:
        """The repository served at ``repo_id``; a listed card-only release is made on demand
        (its one file the card, its commit the listing's)."""
        repo = self.repos.get((repo_type, repo_id))
        listed = self.catalogue.releases.get(repo_id) if repo_type == "model" else None
        if listed is None or (repo is not None and repo.branches["main"] == listed.sha):
            return repo
        with self.lock:
            repo = repo or FakeRepo(repo_id)
            repo.branches["main"] = listed.sha
            card = listed.card_bytes()
            if card is not None:
                repo.add(real_file("README.md", data=card))
            self.repos[(repo_type, repo_id)] = repo
        return repo

    def set_card(self, repo_id: str, text: str) -> str:
        """Push a new card to ``repo_id``: its listing entry, files and commit change."""
        commit = self.catalogue.set_card(repo_id, text)
        self.find_repo("model", repo_id)
        return commit

    def listing_requests(self) -> int:
        """How many requests the listing endpoint received."""
        return sum(1 for _, path, _ in self.stats.requests if path == "/api/models")

    def behave(self, repo_id: str, behaviour: Behaviour) -> Behaviour:
        self.behaviours[repo_id] = behaviour
        return behaviour

    def weight_bytes_served(self, repo_id: str) -> dict[str, int]:
        """Content bytes served per weights file (by suffix) of ``repo_id``."""
        suffixes = (".safetensors", ".bin", ".gguf", ".pt", ".pth", ".ckpt", ".nemo", ".onnx")
        return {
            path: count
            for (repo, path), count in self.stats.bytes_served.items()
            if repo == repo_id and path.endswith(suffixes)
        }


def _listed(repo: FakeRepo) -> ListedRelease:
    """A corpus repository as its listing entry (its commit kept: the files tier reads it)."""
    card = repo.files.get("README.md")
    listed = ListedRelease(
        repo.repo_id,
        sorted(repo.files),
        card=card.read(0, card.size) if card is not None else None,
        gated=repo.gated,
    )
    repo.branches["main"] = listed.sha
    return listed


class _Server(ThreadingHTTPServer):
    request_queue_size = 128  # the default 5 drops SYNs under concurrency: 1 s client stalls

    def handle_error(self, request: object, client_address: object) -> None:
        """A client hanging up (timeouts, truncation tests) is expected; stay quiet."""


def main(argv: list[str]) -> None:
    """``python fakehub.py MODELS_DIR [CARDS_DIR [COPIES]]``: serve the corpus (and list the
    real cards, COPIES times), print the endpoint, run until killed."""
    with FakeHub() as hub:
        hub.add_corpus(Path(argv[0]))
        if len(argv) > 1:
            hub.add_cards(Path(argv[1]), copies=int(argv[2]) if len(argv) > 2 else 1)
        print(hub.endpoint, flush=True)
        threading.Event().wait()


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
