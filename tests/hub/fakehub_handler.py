"""How the loopback Hub answers a request, per endpoint family (see :mod:`fakehub`).

Routing, the misbehaviours a test asked for, the repository API (info, refs, tree), file
downloads (``resolve``, with ranges), the ``/_fakehub`` control endpoints, and the responses
themselves (JSON, errors with the Hub's ``X-Error-Code``, counted requests and bytes).
"""

from __future__ import annotations

import json
import time
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, unquote, urlsplit

from fakehub_content import FakeFile, FakeRepo
from fakehub_listing import MAX_PAGE

if TYPE_CHECKING:
    from fakehub import FakeHub

VALID_TOKEN = "hf_fakehub_valid_token"


class HubRequestHandler(BaseHTTPRequestHandler):
    """One request to the loopback Hub: route it, misbehave as told, answer as the Hub does."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server: Any  # the FakeHub's server; ``server.hub`` is the FakeHub

    def log_message(self, format: str, *args: object) -> None:  # silence stderr
        return

    @property
    def hub(self) -> FakeHub:
        hub: FakeHub = self.server.hub
        return hub

    def do_GET(self) -> None:
        self._dispatch(head=False)

    def do_HEAD(self) -> None:
        self._dispatch(head=True)

    # ---- routing -------------------------------------------------------------------------
    def _dispatch(self, *, head: bool) -> None:
        self._truncate_next = False
        self._repo_id = ""
        split = urlsplit(self.path)
        parts = [unquote(part) for part in split.path.split("/") if part]
        query = parse_qs(split.query)
        if parts[:1] == ["_fakehub"]:
            self._control(parts[1:])
            return
        self._limit_headers: dict[str, str] = {}
        if self.hub.rate_limit is not None:
            allowed, self._limit_headers = self.hub.rate_limit.admit()
            if not allowed:
                self._error(429, None, "You have exceeded the rate limit", {})
                return
        if parts == ["api", "models"]:
            self._listing(query)
            return
        route = _route(parts)
        if route is None:
            self._error(404, "EntryNotFound", "no such endpoint")
            return
        kind, repo_type, repo_id, rest = route
        self._repo_id = repo_id
        if self._misbehaves(repo_type, repo_id, kind):
            return
        repo = self.hub.find_repo(repo_type, repo_id)
        behaviour = self.hub.behaviours.get(repo_id)
        if repo is not None and behaviour is not None and behaviour.gated:
            repo.gated = True
        if repo is None:
            self._error(404, "RepoNotFound", f"Repository {repo_id} not found")
            return
        if kind == "info":
            self._info(repo, rest, query)
        elif kind == "refs":
            self._json(200, repo.refs_payload())
        elif kind == "tree":
            self._tree(repo, rest, query)
        else:
            self._resolve(repo, rest, head=head)

    def _misbehaves(self, repo_type: str, repo_id: str, kind: str) -> bool:
        behaviour = self.hub.behaviours.get(repo_id)
        if behaviour is None:
            return False
        with self.hub.lock:
            behaviour.arrivals += 1
        if behaviour.slow_seconds:
            time.sleep(behaviour.slow_seconds)
        if behaviour.missing:
            self._error(404, "RepoNotFound", f"Repository {repo_id} not found")
            return True
        if behaviour.private and not self._authorised():
            # what the real Hub answers for a private repository without a grant
            self._error(401, "RepoNotFound", f"Repository {repo_id} not found")
            return True
        if behaviour.gated and kind == "resolve" and not self._authorised():
            status = 401 if "Authorization" not in self.headers else 403
            self._error(status, "GatedRepo", f"Access to model {repo_id} is restricted.")
            return True
        with self.hub.lock:
            misbehave = (
                behaviour.rate_limited or behaviour.server_error or behaviour.truncating
            ) and behaviour.fails_now()
        if not misbehave:
            return False
        if behaviour.rate_limited:
            self._error(429, None, "Too many requests", {"Retry-After": behaviour.retry_after})
            return True
        if behaviour.server_error:
            self._error(behaviour.server_error, None, "Internal error")
            return True
        self._truncate_next = True
        return False

    def _control(self, parts: list[str]) -> None:
        """``/_fakehub/stats`` and ``/_fakehub/reset``, for a server run in another process."""
        stats = self.hub.stats
        if parts == ["reset"]:
            with self.hub.lock:
                stats.requests.clear()
                stats.bytes_served.clear()
        served = [[repo, path, count] for (repo, path), count in stats.bytes_served.items()]
        self._json(200, {"requests": stats.requests, "bytes_served": served})

    def _authorised(self) -> bool:
        return self.headers.get("Authorization", "") == f"Bearer {VALID_TOKEN}"

    # ---- the listing (GET /api/models) ------------------------------------------------------
    def _listing(self, query: dict[str, list[str]]) -> None:
        fault = self.hub.listing_faults.next_fault()
        if fault == "server-error":
            self._error(self.hub.listing_faults.status, None, "Internal error")
            return
        if query.get("limit") and not query["limit"][0].isdigit():
            self._error(400, None, f"limit must be a number up to {MAX_PAGE}")
            return
        entries, following = self.hub.catalogue.page(query)
        headers = {}
        if following is not None:
            host = self.headers.get("Host", "127.0.0.1")
            headers["Link"] = f'<http://{host}/api/models?{following}>; rel="next"'
        self._truncate_next = fault == "truncated"
        self._json(200, entries, headers)

    # ---- repository API: info, refs, tree ------------------------------------------------
    def _info(self, repo: FakeRepo, rest: list[str], query: dict[str, list[str]]) -> None:
        revision = "/".join(rest[1:]) if rest[:1] == ["revision"] else "main"
        commit = repo.commit_for(revision)
        if commit is None:
            self._error(404, "RevisionNotFound", f"Invalid rev id: {revision}")
            return
        blobs = query.get("blobs", ["false"])[0].lower() in {"1", "true"}
        self._json(200, repo.info_payload(commit, blobs=blobs))

    def _tree(self, repo: FakeRepo, rest: list[str], query: dict[str, list[str]]) -> None:
        if not rest or repo.commit_for(rest[0]) is None:
            self._error(404, "RevisionNotFound", "Invalid rev id")
            return
        recursive = query.get("recursive", ["false"])[0].lower() in {"1", "true"}
        self._json(200, repo.tree_payload("/".join(rest[1:]), recursive=recursive))

    # ---- files: resolve (HEAD/GET, ranges) -------------------------------------------------
    def _resolve(self, repo: FakeRepo, rest: list[str], *, head: bool) -> None:
        if len(rest) < 2:
            self._error(404, "EntryNotFound", "no file")
            return
        commit = repo.commit_for(rest[0])
        if commit is None:
            self._error(404, "RevisionNotFound", f"Invalid rev id: {rest[0]}")
            return
        path = "/".join(rest[1:])
        item = repo.files.get(path)
        if item is None or item.unservable:
            self._error(404, "EntryNotFound", f"{path} does not exist", {"X-Repo-Commit": commit})
            return
        self._send_file(repo, item, commit, head=head)

    def _send_file(self, repo: FakeRepo, item: FakeFile, commit: str, *, head: bool) -> None:
        start, end = 0, item.size - 1
        status = 200
        behaviour = self.hub.behaviours.get(repo.repo_id)
        ignores_range = behaviour is not None and behaviour.ignores_range
        wanted = None if ignores_range else _parse_range(self.headers.get("Range"), item.size)
        if wanted == "invalid":
            self._error(416, None, "Range not satisfiable", {"Content-Range": f"*/{item.size}"})
            return
        if isinstance(wanted, tuple):
            start, end = wanted
            status = 206
        length = max(0, end - start + 1)
        headers = {"X-Repo-Commit": commit, "ETag": f'"{item.etag}"', "Accept-Ranges": "bytes"}
        if item.lfs:
            headers["X-Linked-Size"] = str(item.size)
            headers["X-Linked-Etag"] = f'"{item.sha256}"'
        if status == 206:
            headers["Content-Range"] = f"bytes {start}-{end}/{item.size}"
        self._start(status, "application/octet-stream", length, headers)
        if head:
            return
        body = item.read(start, length)
        if getattr(self, "_truncate_next", False):
            body = body[: len(body) // 2]
            self.close_connection = True
        with self.hub.lock:
            self.hub.stats.bytes_served[(repo.repo_id, item.path)] += len(body)
        self._write(body)

    # ---- responses -----------------------------------------------------------------------
    def _json(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        body = json.dumps(payload).encode()
        self._start(status, "application/json", len(body), headers or {})
        if getattr(self, "_truncate_next", False):
            body = body[: len(body) // 2]
            self.close_connection = True
        self._write(body)

    def _error(
        self, status: int, code: str | None, message: str, extra: dict[str, str] | None = None
    ) -> None:
        body = json.dumps({"error": message}).encode()
        headers = dict(extra or {})
        if code:
            headers["X-Error-Code"] = code
            headers["X-Error-Message"] = message
        self._start(status, "application/json", len(body), headers)
        if self.command != "HEAD":
            self._write(body)

    def _start(self, status: int, content_type: str, length: int, headers: dict[str, str]) -> None:
        with self.hub.lock:  # counted before the answer leaves, so a client never outruns it
            self.hub.stats.requests.append((self.command, urlsplit(self.path).path, status))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(length))
        for name, value in {**getattr(self, "_limit_headers", {}), **headers}.items():
            self.send_header(name, value)
        self.end_headers()

    def _write(self, body: bytes) -> None:
        behaviour = self.hub.behaviours.get(getattr(self, "_repo_id", ""))
        drip = behaviour.drip_seconds if behaviour is not None else 0.0
        try:
            if not drip:
                self.wfile.write(body)
            for start in range(0, len(body) if drip else 0, 16):
                time.sleep(drip)
                self.wfile.write(body[start : start + 16])
                self.wfile.flush()
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True


def _route(parts: list[str]) -> tuple[str, str, str, list[str]] | None:
    """(kind, repo type, repo id, rest) for a request path split into unquoted parts."""
    if len(parts) >= 4 and parts[0] == "api" and parts[1] in {"models", "datasets"}:
        repo_type = parts[1][:-1]
        repo_id = f"{parts[2]}/{parts[3]}"
        rest = parts[4:]
        if rest[:1] == ["refs"]:
            return ("refs", repo_type, repo_id, rest[1:])
        if rest[:1] == ["tree"]:
            return ("tree", repo_type, repo_id, rest[1:])
        if not rest or rest[0] == "revision":
            return ("info", repo_type, repo_id, rest)
        return None
    repo_type = "model"
    if parts[:1] == ["datasets"]:
        repo_type, parts = "dataset", parts[1:]
    if len(parts) >= 4 and parts[2] == "resolve":
        return ("resolve", repo_type, f"{parts[0]}/{parts[1]}", parts[3:])
    return None


def _parse_range(header: str | None, size: int) -> tuple[int, int] | str | None:
    """(start, end) inclusive for ``bytes=a-b`` / ``bytes=a-`` / ``bytes=-n``; "invalid"."""
    if not header or not header.startswith("bytes="):
        return None
    first, _, last = header[6:].split(",")[0].strip().partition("-")
    try:
        if first == "":
            start, end = max(0, size - int(last)), size - 1
        else:
            start = int(first)
            end = min(int(last), size - 1) if last else size - 1
    except ValueError:
        return "invalid"
    if start >= size or start > end:
        return "invalid"
    return (start, end)
