"""Who may talk to the studio: the person who started it, in their own browser, only.

The studio listens on 127.0.0.1. Any other program or web page on the machine could still
send it requests, so:

- the first address carries a random token (printed by ``campaign studio``); the token is
  exchanged for a session cookie (HttpOnly, SameSite=Strict) and taken out of the address;
  every other request needs that cookie;
- the Host header must name the loopback address and port (no DNS rebinding: a foreign name
  resolving to 127.0.0.1 is refused), and a request that changes anything must come from the
  studio's own pages (its Origin, or failing that its Referer);
- every answer says the page loads nothing from another host and may not be framed.
"""

from __future__ import annotations

import contextlib
import hmac
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import CookieError, SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

TOKEN_PARAMETER = "ma"
COOKIE = "studio_phien"
_SAFE = frozenset({"GET", "HEAD"})
# No request to another host, no framing by another page, no sniffing a download as a page.
# Styles only from the studio's own files: no inline style attribute either.
_STUDIO_POLICY = (b"default-src 'self'; img-src 'self' data:; style-src 'self'; "
                  b"script-src 'self'; frame-ancestors 'self'; form-action 'self'; "
                  b"base-uri 'none'; object-src 'none'")
# The built site shown in the preview runs its theme's own inline scripts and styles; it
# still loads nothing from another host.
PREVIEW_PREFIX = "/xem/"
_PREVIEW_POLICY = (b"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                   b"script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; "
                   b"frame-ancestors 'self'; object-src 'none'")
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"SAMEORIGIN"),
    (b"cache-control", b"no-store"),
]


class Guard:
    """ASGI middleware around the studio's application."""

    def __init__(self, app: App, token: str, port: int) -> None:
        self.app = app
        self.token = token
        self.session = secrets.token_urlsafe(32)
        self.port = port
        self.hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}
        self.origins = {f"http://{host}" for host in self.hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers", [])}
        method = scope.get("method", "GET")
        if headers.get("host", "") not in self.hosts:
            await _refuse(send, 421, "Địa chỉ không đúng: hãy mở studio bằng địa chỉ "
                                     f"http://127.0.0.1:{self.port}/ mà lệnh đã in.")
            return
        if method not in _SAFE and not self._same_origin(headers):
            await _refuse(send, 403, "Yêu cầu không đến từ trang của studio nên bị từ chối.")
            return
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        given = query.get(TOKEN_PARAMETER)
        if given is not None and method in _SAFE and hmac.compare_digest(given, self.token):
            # The token leaves the address bar and the history: a cookie carries the session.
            rest = urlencode({k: v for k, v in query.items() if k != TOKEN_PARAMETER})
            location = scope.get("path", "/") + (f"?{rest}" if rest else "")
            await send({"type": "http.response.start", "status": 303, "headers": [
                (b"location", location.encode("latin-1")),
                (b"set-cookie", f"{COOKIE}={self.session}; HttpOnly; SameSite=Strict; "
                                "Path=/".encode("latin-1")),
                *SECURITY_HEADERS, (b"content-security-policy", _STUDIO_POLICY)]})
            await send({"type": "http.response.body", "body": b""})
            return
        if not self._has_session(headers.get("cookie", "")):
            await _refuse(send, 401, "Chưa mở phiên làm việc: hãy mở studio bằng địa chỉ có "
                                     "mã mà lệnh campaign studio đã in.")
            return

        policy = _PREVIEW_POLICY if str(scope.get("path", "")).startswith(PREVIEW_PREFIX) \
            else _STUDIO_POLICY

        async def secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS,
                                      (b"content-security-policy", policy)]
            await send(message)

        # The application's error page has been sent already (Starlette answers, then raises
        # again for the server to log): the terminal gets its one line, never a traceback.
        with contextlib.suppress(Exception):
            await self.app(scope, receive, secured)

    def _same_origin(self, headers: dict[str, str]) -> bool:
        origin = headers.get("origin")
        if origin is not None:
            return origin in self.origins
        referer = urlsplit(headers.get("referer", ""))
        return f"{referer.scheme}://{referer.netloc}" in self.origins

    def _has_session(self, cookie_header: str) -> bool:
        cookies: SimpleCookie = SimpleCookie()
        try:
            cookies.load(cookie_header)
        except CookieError:  # a malformed Cookie header is no session
            return False
        morsel = cookies.get(COOKIE)
        return morsel is not None and hmac.compare_digest(morsel.value, self.session)


async def _refuse(send: Send, status: int, message: str) -> None:
    body = (f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Không mở được'
            f"</title></head><body><main><h1>Không mở được trang</h1><p>{message}</p></main>"
            "</body></html>").encode()
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"text/html; charset=utf-8"),
        (b"content-length", str(len(body)).encode()), *SECURITY_HEADERS,
        (b"content-security-policy", _STUDIO_POLICY)]})
    await send({"type": "http.response.body", "body": body})
