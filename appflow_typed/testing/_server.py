"""The endpoint's HTTP/1.1 layer, on the standard library's ``http.server``.

A :class:`http.server.ThreadingHTTPServer` accepts, in a loop that a socket pair wakes to
stop at once; each connection is served by a daemon thread running a
:class:`http.server.BaseHTTPRequestHandler` subclass, with keep-alive and ``TCP_NODELAY``. The standard library parses the request line and the headers; this module
reads the body (``Content-Length`` or chunked, capped at :data:`MAX_BODY_BYTES`), answers every
malformed request AWS-style, and ends a connection exactly as asked: with a response, a
silent close, or a reset (``SO_LINGER`` 0, then close: the kernel sends a TCP RST).
"""

from __future__ import annotations

import contextlib
import http
import http.server
import io
import logging
import re
import selectors
import socket
import socketserver
import struct
import sys
import threading
from collections.abc import Callable, Mapping
from typing import Any

import attrs

__all__ = ["MAX_BODY_BYTES", "Close", "HttpRequest", "HttpServer", "Reply", "Reset"]

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
    query: str = ""  # the raw query string, without its "?"


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


def _malformed(message: str) -> _BadRequest:
    return _BadRequest(400, "SerializationException", message)


def _reason(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def encode_reply(reply: Reply, close: bool) -> bytes:
    """The response's bytes: status line, headers and body, written at once."""
    lines = [f"HTTP/1.1 {reply.status} {_reason(reply.status)}"]
    lines.extend(f"{name}: {value}" for name, value in reply.headers)
    lines.append(f"Content-Length: {len(reply.body)}")
    if close:
        lines.append("Connection: close")
    head = "\r\n".join(lines) + "\r\n\r\n"
    return head.encode("latin-1") + reply.body


class _Server(http.server.ThreadingHTTPServer):
    """``ThreadingHTTPServer`` that knows its connections, so that stopping can end them."""

    daemon_threads = True
    block_on_close = False  # stop() joins the connection threads itself, with a timeout
    request_queue_size = 128
    timeout = 0  # handle_request() is only called when a connection is ready

    def __init__(self, address: tuple[str, int], handler: Handler, error_reply: ErrorReply) -> None:
        self.handler = handler
        self.error_reply = error_reply
        self.connections: dict[socket.socket, threading.Thread] = {}
        self.connections_lock = threading.Lock()
        self.closing = False
        super().__init__(address, _RequestHandler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind also resolves the host's FQDN: a DNS query nobody needs here.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = str(host)
        self.server_port = int(port)

    def process_request(self, request: Any, client_address: Any) -> None:
        thread = threading.Thread(
            target=self.process_request_thread,
            args=(request, client_address),
            name=f"appflow-local:{self.server_port}:conn",
            daemon=True,
        )
        with self.connections_lock:
            if self.closing:
                self.shutdown_request(request)
                return
            self.connections[request] = thread
        thread.start()

    def close_request(self, request: Any) -> None:
        with self.connections_lock:
            self.connections.pop(request, None)
        super().close_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Called from inside an ``except`` block by socketserver.
        if isinstance(sys.exc_info()[1], OSError):
            return  # the peer went away while being answered: nothing to do
        _log.exception("local AppFlow endpoint: connection handler failed")

    def end_connections(self) -> list[threading.Thread]:
        """Refuse new connections and shut every open one down; return their threads."""
        with self.connections_lock:
            self.closing = True
            for conn in self.connections:
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)
            return list(self.connections.values())


class _RequestHandler(http.server.BaseHTTPRequestHandler):
    """Serves one connection: request after request until either side closes it."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # TCP_NODELAY: no response waits on Nagle's algorithm
    wbufsize = -1  # buffered: each response leaves in one send, at the flush
    server: _Server

    def handle_one_request(self) -> None:
        self.close_connection = True
        try:
            line = self.rfile.readline(_MAX_LINE + 1)
            while line in (b"\r\n", b"\n"):  # empty lines before a request are ignored
                line = self.rfile.readline(_MAX_LINE + 1)
            if not line:
                return  # the peer closed the connection between requests
            if len(line) > _MAX_LINE:
                raise _malformed("Request line too long.")
            words = line.split()
            if len(words) != 3 or not words[2].startswith(b"HTTP/"):
                # answered at once: what follows a line like this is not a request head
                raise _malformed("Malformed HTTP request line.")
            head = _read_head(self.rfile)
            # The standard library parses what was read; the body is read from the socket.
            self.raw_requestline, rfile, self.rfile = line, self.rfile, io.BytesIO(head)
            try:
                parsed = self.parse_request()
            finally:
                self.rfile = rfile
            if not parsed:
                return  # answered by send_error
            request = self._request()
        except _BadRequest as bad:
            self._refuse(bad)
            return
        except OSError:
            return  # the peer went away inside the request: nothing to answer
        try:
            action = self.server.handler(request)
        except Exception:  # a defect in the endpoint still gets an AWS-style answer
            _log.exception(
                "local AppFlow endpoint: handling %s %s failed", request.method, request.path[:200]
            )
            action = self.server.error_reply(
                500, "InternalServerException", "The local endpoint failed to handle the request."
            )
        if isinstance(action, Reply):
            self.wfile.write(encode_reply(action, close=self.close_connection))
            self.wfile.flush()
            return
        self.close_connection = True
        if isinstance(action, Reset):
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            # Close now: socketserver would shut the socket down first, which sends a FIN.
            self.rfile.close()
            self.wfile.close()
            self.connection.close()
        else:
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)

    def handle_expect_100(self) -> bool:
        """``Expect: 100-continue`` (curl sends it for bodies over 1 kB): say so at once,
        rather than leave the interim answer in the write buffer while the client waits."""
        self.wfile.write(b"HTTP/1.1 100 Continue\r\n\r\n")
        self.wfile.flush()
        return True

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Called by ``parse_request`` for a request it cannot parse: answered AWS-style."""
        self._refuse(_malformed(f"Malformed HTTP request: {message or _reason(code)}."))

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the endpoint logs each request itself

    def _refuse(self, bad: _BadRequest) -> None:
        """Answer a request that cannot be served, then end the connection."""
        self.close_connection = True
        reply = self.server.error_reply(bad.status, bad.code, bad.message)
        with contextlib.suppress(OSError):
            self.wfile.write(encode_reply(reply, close=True))
            self.wfile.flush()
            _drain(self.connection)

    def _request(self) -> HttpRequest:
        if self.headers.defects:
            raise _malformed("Malformed HTTP header line.")
        headers: dict[str, str] = {}
        for name, value in self.headers.items():
            key = name.lower()
            if key == "content-length" and key in headers:
                raise _malformed("More than one Content-Length.")
            headers[key] = f"{headers[key]}, {value}" if key in headers else value
        body = _read_body(self.rfile, headers)
        path, _, query = self.path.partition("?")
        if path.startswith(("http://", "https://")):  # absolute-form, as sent to a proxy
            slash = path.find("/", path.index("//") + 2)
            path = path[slash:] if slash >= 0 else "/"
        return HttpRequest(method=self.command, path=path, headers=headers, body=body, query=query)


class HttpServer:
    """Serves ``handler`` on ``host`` (loopback by default) at ``port`` (0: an ephemeral one)
    until :meth:`stop`."""

    def __init__(
        self, handler: Handler, error_reply: ErrorReply, *, host: str = "127.0.0.1", port: int = 0
    ) -> None:
        self._handler = handler
        self._error_reply = error_reply
        self._address = (host, port)
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._wake: tuple[socket.socket, socket.socket] | None = None
        self.port = 0

    def start(self) -> int:
        """Bind, listen and start accepting; return the port."""
        server = _Server(self._address, self._handler, self._error_reply)
        try:
            wake_r, wake_w = socket.socketpair()
        except OSError:
            server.server_close()
            raise
        self.port = server.server_port
        self._thread = threading.Thread(
            target=_accept_loop,
            args=(server, wake_r),
            name=f"appflow-local:{self.port}:accept",
            daemon=True,
        )
        self._server, self._wake = server, (wake_r, wake_w)
        self._thread.start()
        return self.port

    def stop(self) -> None:
        """Stop accepting, end every connection and join every thread. Idempotent."""
        server, thread, wake = self._server, self._thread, self._wake
        if server is None or thread is None or wake is None:
            return
        self._server = self._thread = self._wake = None
        with contextlib.suppress(OSError):
            wake[1].send(b"x")
        thread.join(_JOIN_SECONDS)
        for sock in wake:
            sock.close()
        server.server_close()  # the listening socket
        for conn_thread in server.end_connections():
            conn_thread.join(_JOIN_SECONDS)


def _accept_loop(server: _Server, wake: socket.socket) -> None:
    """``serve_forever``, woken at once by :meth:`HttpServer.stop` (``serve_forever`` polls
    for its shutdown flag, which would make every stop wait up to a poll interval)."""
    with selectors.DefaultSelector() as selector:
        selector.register(server.socket, selectors.EVENT_READ)
        selector.register(wake, selectors.EVENT_READ)
        while True:
            for key, _ in selector.select():
                if key.fileobj is wake:
                    return
                server.handle_request()  # the socket is ready: accepts without waiting


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


def _readline(rfile: Any) -> bytes:
    line: bytes = rfile.readline(_MAX_LINE + 1)
    if len(line) > _MAX_LINE:
        raise _malformed("Line too long.")
    return line


def _read_head(rfile: Any) -> bytes:
    """The header lines up to the empty line ending them. ``http.client`` takes the end of
    the stream for that empty line, which would serve a request whose sender broke off."""
    lines: list[bytes] = []
    for _ in range(_MAX_HEADERS + 1):
        line = _readline(rfile)
        if not line:
            raise OSError("connection closed inside the headers")
        lines.append(line)
        if line in (b"\r\n", b"\n"):
            return b"".join(lines)
    raise _malformed("Too many HTTP headers.")


def _read_exact(rfile: Any, n: int) -> bytes:
    data: bytes = rfile.read(n)
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


def _read_body(rfile: Any, headers: Mapping[str, str]) -> bytes:
    if "chunked" in headers.get("transfer-encoding", "").lower():
        chunks: list[bytes] = []
        total = 0
        while True:
            size_line = _readline(rfile).split(b";", 1)[0].strip()
            # hex digits only: int() would also take "-1", "+a" and "0x1f"
            if not _CHUNK_SIZE.fullmatch(size_line):
                raise _malformed("Malformed chunk size.")
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
    if not raw_length.isascii() or not raw_length.isdigit():
        raise _malformed("Malformed Content-Length.")
    if len(raw_length) > 18 or int(raw_length) > MAX_BODY_BYTES:
        raise _too_large()
    return _read_exact(rfile, int(raw_length))
