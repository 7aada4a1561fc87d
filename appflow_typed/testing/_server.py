"""A small threaded HTTP/1.1 server on loopback, with keep-alive and exact control over how
a connection ends (a response, a silent close, or a reset).

One thread accepts; each connection gets a thread. Each response is written with a single
``sendall`` on a ``TCP_NODELAY`` socket, so no response waits on Nagle's algorithm.
"""

from __future__ import annotations

import contextlib
import http
import logging
import re
import selectors
import socket
import struct
import threading
from collections.abc import Callable, Mapping

import attrs

__all__ = ["Close", "HttpRequest", "HttpServer", "Reply", "Reset"]

_log = logging.getLogger("appflow_typed.testing")

MAX_BODY_BYTES = 1 << 20
"""Largest request body accepted (1 MiB); larger ones are answered 413."""

_MAX_LINE = 16 * 1024
_MAX_HEADERS = 100
_JOIN_SECONDS = 5.0
_DRAIN_SECONDS = 0.5
_DRAIN_BYTES = 8 * MAX_BODY_BYTES


@attrs.frozen
class HttpRequest:
    """One parsed HTTP request."""

    method: str
    path: str
    headers: Mapping[str, str]  # lower-cased names
    body: bytes


@attrs.frozen
class Reply:
    """Answer with this response."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes


@attrs.frozen
class Close:
    """Close the connection without writing anything (shutdown, then close)."""


@attrs.frozen
class Reset:
    """Reset the connection (TCP RST) without writing anything."""


Action = Reply | Close | Reset
Handler = Callable[[HttpRequest], Action]
ErrorReply = Callable[[int, str, str], Reply]


class _BadRequest(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def _reason(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def encode_reply(reply: Reply, close: bool) -> bytes:
    """The response's bytes: status line, headers and body, ready for one ``sendall``."""
    lines = [f"HTTP/1.1 {reply.status} {_reason(reply.status)}"]
    lines.extend(f"{name}: {value}" for name, value in reply.headers)
    lines.append(f"Content-Length: {len(reply.body)}")
    if close:
        lines.append("Connection: close")
    head = "\r\n".join(lines) + "\r\n\r\n"
    return head.encode("latin-1") + reply.body


class HttpServer:
    """Serves ``handler`` on ``127.0.0.1`` at an ephemeral port until :meth:`stop`."""

    def __init__(self, handler: Handler, error_reply: ErrorReply) -> None:
        self._handler = handler
        self._error_reply = error_reply
        self._lock = threading.Lock()
        self._connections: dict[socket.socket, threading.Thread] = {}
        self._stopping = threading.Event()
        self._listener: socket.socket | None = None
        self._wake_r: socket.socket | None = None
        self._wake_w: socket.socket | None = None
        self._accept_thread: threading.Thread | None = None
        self.port = 0

    def start(self) -> int:
        """Bind, listen and start accepting; return the port."""
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            listener.bind(("127.0.0.1", 0))
            listener.listen(128)
            listener.setblocking(False)
            wake_r, wake_w = socket.socketpair()
        except OSError:
            listener.close()
            raise
        self._listener, self._wake_r, self._wake_w = listener, wake_r, wake_w
        self._stopping.clear()
        self.port = listener.getsockname()[1]
        self._accept_thread = threading.Thread(
            target=self._accept_loop, args=(listener, wake_r), name=f"appflow-local:{self.port}:accept", daemon=True
        )
        self._accept_thread.start()
        return self.port

    def stop(self) -> None:
        """Stop accepting, end every connection and join every thread. Idempotent."""
        if self._accept_thread is None:
            return
        self._stopping.set()
        assert self._wake_w is not None
        with contextlib.suppress(OSError):
            self._wake_w.send(b"x")
        self._accept_thread.join(_JOIN_SECONDS)
        self._accept_thread = None
        for sock in (self._listener, self._wake_r, self._wake_w):
            if sock is not None:
                sock.close()
        self._listener = self._wake_r = self._wake_w = None
        with self._lock:
            for conn in self._connections:
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)
            threads = list(self._connections.values())
        for thread in threads:
            thread.join(_JOIN_SECONDS)

    def _accept_loop(self, listener: socket.socket, wake_r: socket.socket) -> None:
        with selectors.DefaultSelector() as selector:
            selector.register(listener, selectors.EVENT_READ)
            selector.register(wake_r, selectors.EVENT_READ)
            while not self._stopping.is_set():
                for key, _ in selector.select():
                    if key.fileobj is wake_r:
                        return
                    try:
                        conn, _ = listener.accept()
                    except OSError:  # e.g. the peer gave up before accept()
                        continue
                    conn.setblocking(True)
                    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                    thread = threading.Thread(
                        target=self._serve, args=(conn,),
                        name=f"appflow-local:{self.port}:conn", daemon=True,
                    )
                    with self._lock:
                        if self._stopping.is_set():
                            conn.close()
                            return
                        self._connections[conn] = thread
                    thread.start()

    def _serve(self, conn: socket.socket) -> None:
        try:
            with conn.makefile("rb") as rfile:
                while not self._stopping.is_set():
                    if not self._serve_one(conn, rfile):
                        break
        except OSError:
            pass  # the peer went away mid-request: nothing to answer
        except Exception:  # a defect here must not take the endpoint down
            _log.exception("local AppFlow endpoint: connection handler failed")
        finally:
            with self._lock:
                self._connections.pop(conn, None)
                conn.close()

    def _serve_one(self, conn: socket.socket, rfile: socket.SocketIO | object) -> bool:
        """Read, handle and answer one request; return whether to keep the connection."""
        try:
            request, keep_alive = _read_request(rfile)
        except _BadRequest as bad:
            reply = self._error_reply(bad.status, bad.code, bad.message)
            conn.sendall(encode_reply(reply, close=True))
            _drain(conn)
            return False
        if request is None:
            return False
        action = self._handler(request)
        if isinstance(action, Reply):
            conn.sendall(encode_reply(action, close=not keep_alive))
            return keep_alive
        if isinstance(action, Reset):
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        else:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        return False


def _drain(conn: socket.socket) -> None:
    """Half-close, then read what the peer still sends (briefly), so closing does not reset
    the connection before the peer has read the error answer."""
    with contextlib.suppress(OSError):
        conn.shutdown(socket.SHUT_WR)
        conn.settimeout(_DRAIN_SECONDS)
        received = 0
        while received < _DRAIN_BYTES:
            chunk = conn.recv(65536)
            if not chunk:
                break
            received += len(chunk)


def _readline(rfile: object) -> bytes:
    line: bytes = rfile.readline(_MAX_LINE + 1)  # type: ignore[attr-defined]
    if len(line) > _MAX_LINE:
        raise _BadRequest(400, "SerializationException", "Request line or header too long.")
    return line


def _read_request(rfile: object) -> tuple[HttpRequest | None, bool]:
    """One request, or ``None`` when the peer closed the connection between requests."""
    line = _readline(rfile)
    while line in (b"\r\n", b"\n"):
        line = _readline(rfile)
    if not line:
        return None, False
    parts = line.decode("latin-1").split()
    if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
        raise _BadRequest(400, "SerializationException", "Malformed HTTP request line.")
    method, target, version = parts
    headers: dict[str, str] = {}
    for _ in range(_MAX_HEADERS + 1):
        raw = _readline(rfile)
        if raw in (b"\r\n", b"\n"):
            break
        if not raw:
            raise OSError("connection closed inside the headers")
        name, sep, value = raw.decode("latin-1").partition(":")
        if not sep or not name or name != name.strip():
            raise _BadRequest(400, "SerializationException", "Malformed HTTP header line.")
        key = name.lower()
        value = value.strip()
        headers[key] = f"{headers[key]}, {value}" if key in headers else value
    else:
        raise _BadRequest(400, "SerializationException", "Too many HTTP headers.")
    body = _read_body(rfile, headers)
    connection = headers.get("connection", "").lower()
    keep_alive = "close" not in connection and (
        version != "HTTP/1.0" or "keep-alive" in connection
    )
    path = target.split("?", 1)[0]
    if path.startswith(("http://", "https://")):  # absolute-form, as sent to a proxy
        slash = path.find("/", path.index("//") + 2)
        path = path[slash:] if slash >= 0 else "/"
    return HttpRequest(method=method, path=path, headers=headers, body=body), keep_alive


def _read_exact(rfile: object, n: int) -> bytes:
    data: bytes = rfile.read(n)  # type: ignore[attr-defined]
    if len(data) != n:
        raise OSError("connection closed inside the body")
    return data


def _too_large() -> _BadRequest:
    return _BadRequest(
        413,
        "RequestEntityTooLargeException",
        f"Request body exceeds the local endpoint's limit of {MAX_BODY_BYTES} bytes.",
    )


_CHUNK_SIZE = re.compile(rb"[0-9A-Fa-f]{1,16}")


def _read_body(rfile: object, headers: Mapping[str, str]) -> bytes:
    if "chunked" in headers.get("transfer-encoding", "").lower():
        chunks: list[bytes] = []
        total = 0
        while True:
            size_line = _readline(rfile).split(b";", 1)[0].strip()
            # hex digits only: int() would also take "-1", "+a" and "0x1f"
            if not _CHUNK_SIZE.fullmatch(size_line):
                raise _BadRequest(400, "SerializationException", "Malformed chunk size.")
            size = int(size_line, 16)
            if size == 0:
                while _readline(rfile) not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                return b"".join(chunks)
            total += size
            if total > MAX_BODY_BYTES:
                raise _too_large()
            chunks.append(_read_exact(rfile, size))
            _readline(rfile)
    raw_length = headers.get("content-length")
    if raw_length is None:
        return b""
    try:
        length = int(raw_length)
    except ValueError:
        raise _BadRequest(400, "SerializationException", "Malformed Content-Length.") from None
    if length < 0:
        raise _BadRequest(400, "SerializationException", "Malformed Content-Length.")
    if length > MAX_BODY_BYTES:
        raise _too_large()
    return _read_exact(rfile, length)
