"""An HTTP server on 127.0.0.1 that fails the way CDNs and object stores do, on purpose.

It serves the files of a folder (or forwards to an upstream server, such as
moto's S3, as a reverse proxy) and, per path, following a :class:`FaultPlan`:

* answers the first ``fail_first`` requests with ``503 SlowDown`` (S3's XML body);
* sends only the first ``cut_at`` fraction of the next full answer's body and
  drops the connection (once per path when ``cut_once``);
* ignores ``Range`` and sends the whole file with ``200`` (``ignore_range``);
* honours ``Range`` otherwise (``206`` with ``Content-Range``; ``416`` past the end).

Every request is logged (method, path, Range header), and the largest number
of requests handled at once is kept, for the connection-limit test. A request
may be held until ``hold`` is set.
"""

from __future__ import annotations

import hashlib
import http.client
import re
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

_RANGE = re.compile(r"^bytes=(\d+)-(\d*)$")
_SLOWDOWN = (b'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SlowDown</Code>'
             b"<Message>Please reduce your request rate.</Message></Error>")
_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "server",
               "date"}


@dataclass
class FaultPlan:
    fail_first: int = 0
    """503 SlowDown answers per path before a good one."""
    always_fail: bool = False
    cut_once: bool = False
    """Drop the connection part-way through the first full body of each path."""
    cut_at: float = 0.5
    cut_nth: int = 1
    """Which good answer of a path is cut (1: the first)."""
    ignore_range: bool = False
    only: str | None = None
    """Faults apply only to paths containing this text (others are served plainly)."""
    methods: frozenset[str] = frozenset({"GET"})
    hold: threading.Event | None = None
    """When set, each request waits for this event (at most 10 s) before being answered."""


@dataclass(frozen=True)
class Logged:
    method: str
    path: str
    range: str | None
    port: int = 0
    """The client's port: one per connection, so keep-alive reuse shows."""


@dataclass
class _State:
    plan: FaultPlan
    root: Path | None
    upstream: str | None
    log: list[Logged] = field(default_factory=list)
    failed: dict[str, int] = field(default_factory=dict)
    cut: set[str] = field(default_factory=set)
    answered: dict[str, int] = field(default_factory=dict)
    in_flight: int = 0
    max_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        return

    def do_GET(self) -> None:
        self._handle()

    def do_HEAD(self) -> None:
        self._handle()

    def do_PUT(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def do_DELETE(self) -> None:
        self._handle()

    def _handle(self) -> None:
        state = self.server.state
        plan = state.plan
        with state.lock:
            state.log.append(Logged(self.command, self.path, self.headers.get("Range"),
                                    int(self.client_address[1])))
            state.in_flight += 1
            state.max_in_flight = max(state.max_in_flight, state.in_flight)
        try:
            if plan.hold is not None:
                plan.hold.wait(10)
            faulty = self.command in plan.methods and (plan.only is None or plan.only in self.path)
            body_in = self._request_body()
            if faulty and self._should_fail(self.path):
                self._send(503, {"Content-Type": "application/xml"}, _SLOWDOWN)
                return
            status, headers, body = self._answer(body_in)
            cut = (faulty and plan.cut_once and status in (200, 206) and len(body) > 1
                   and self.command == "GET" and self._cut_now(self.path))
            self._send(status, headers, body, cut_at=plan.cut_at if cut else None)
        finally:
            with state.lock:
                state.in_flight -= 1

    def _request_body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _should_fail(self, path: str) -> bool:
        state = self.server.state
        with state.lock:
            if state.plan.always_fail:
                return True
            done = state.failed.get(path, 0)
            if done < state.plan.fail_first:
                state.failed[path] = done + 1
                return True
        return False

    def _cut_now(self, path: str) -> bool:
        state = self.server.state
        with state.lock:
            state.answered[path] = state.answered.get(path, 0) + 1
            if path in state.cut or state.answered[path] < state.plan.cut_nth:
                return False
            state.cut.add(path)
            return True

    def _answer(self, body_in: bytes) -> tuple[int, dict[str, str], bytes]:
        if self.server.state.upstream is not None:
            return self._forward(body_in)
        return self._serve_file()

    def _serve_file(self) -> tuple[int, dict[str, str], bytes]:
        root = self.server.state.root
        assert root is not None
        path = root / urlsplit(self.path).path.lstrip("/")
        if self.command not in ("GET", "HEAD") or not path.is_file():
            return 404, {}, b"not found"
        data = path.read_bytes()
        headers = {"ETag": '"' + hashlib.sha1(data).hexdigest() + '"',
                   "Accept-Ranges": "bytes", "Content-Type": "application/octet-stream"}
        wanted = self.headers.get("Range")
        match = _RANGE.match(wanted or "")
        if match is None or self.server.state.plan.ignore_range:
            return 200, headers, data
        start = int(match.group(1))
        end = min(int(match.group(2)) + 1 if match.group(2) else len(data), len(data))
        if start >= len(data):
            return 416, {"Content-Range": f"bytes */{len(data)}"}, b""
        headers["Content-Range"] = f"bytes {start}-{end - 1}/{len(data)}"
        return 206, headers, data[start:end]

    def _forward(self, body_in: bytes) -> tuple[int, dict[str, str], bytes]:
        upstream = urlsplit(self.server.state.upstream)
        conn = http.client.HTTPConnection(upstream.hostname or "127.0.0.1", upstream.port,
                                          timeout=30)
        try:
            headers = {k: v for k, v in self.headers.items() if k.lower() != "connection"}
            conn.request(self.command, self.path, body=body_in or None, headers=headers)
            response = conn.getresponse()
            data = response.read()
            out = {k: v for k, v in response.getheaders() if k.lower() not in _HOP_BY_HOP}
            if self.command == "HEAD":  # no body, but the object's length must get through
                out["Content-Length"] = response.getheader("Content-Length") or "0"
            return response.status, out, data
        finally:
            conn.close()

    def _send(self, status: int, headers: dict[str, str], body: bytes,
              cut_at: float | None = None) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command == "HEAD":
            return
        if cut_at is None:
            self.wfile.write(body)
            return
        self.wfile.write(body[:max(1, int(len(body) * cut_at))])
        self.wfile.flush()
        self.close_connection = True
        with suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    state: _State


class FaultServer:
    """A running :class:`FaultPlan` server; ``url`` is its base URL (no trailing slash)."""

    def __init__(self, server: _Server) -> None:
        self._server = server
        host, port = server.server_address[:2]
        self.url = f"http://{host!s}:{port}"

    @property
    def plan(self) -> FaultPlan:
        return self._server.state.plan

    @property
    def log(self) -> list[Logged]:
        with self._server.state.lock:
            return list(self._server.state.log)

    @property
    def max_in_flight(self) -> int:
        return self._server.state.max_in_flight

    @property
    def in_flight(self) -> int:
        return self._server.state.in_flight

    def reset(self, plan: FaultPlan | None = None) -> None:
        """Forget the log and which paths already failed or were cut; maybe change the plan."""
        state = self._server.state
        with state.lock:
            state.log.clear()
            state.failed.clear()
            state.cut.clear()
            state.answered.clear()
            state.max_in_flight = 0
            if plan is not None:
                state.plan = plan


@contextmanager
def fault_server(root: Path | None = None, plan: FaultPlan | None = None,
                 upstream: str | None = None) -> Iterator[FaultServer]:
    """Serve ``root`` (or proxy ``upstream``) on a free port of 127.0.0.1 until the block ends."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.state = _State(plan or FaultPlan(), root, upstream)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), name="fault-server",
                              daemon=True)
    thread.start()
    try:
        yield FaultServer(server)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def main() -> None:
    """``python tests/testservers/faults.py ROOT``: serve ROOT without faults; prints the URL."""
    import sys
    import time

    with fault_server(Path(sys.argv[1])) as srv:
        print(srv.url, flush=True)
        while True:
            time.sleep(3600)


if __name__ == "__main__":
    main()
