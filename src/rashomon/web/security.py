"""The guard in front of every route: Host check, access token, security headers, server timing.

A plain ASGI middleware (no per-request task switching), so it also covers static files,
the OpenAPI spec and error responses.
"""

from __future__ import annotations

import hmac
import logging
import time
from collections.abc import Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from rashomon.web.settings import WebSettings

log = logging.getLogger("rashomon.web")

TOKEN_COOKIE = "rashomon_token"
TOKEN_PARAM = "token"

# No inline script or style anywhere: every script and stylesheet is a static file of this
# server. Leaflet sets element styles through the CSSOM, which CSP does not restrict.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
)

ErrorRenderer = Callable[[str, int, str, str], Response]
Message = MutableMapping[str, Any]


class Guard:
    """Rejects wrong hosts (400) and missing or wrong tokens (401); stamps headers on every response."""

    def __init__(self, app: ASGIApp, settings: WebSettings, render_error: ErrorRenderer) -> None:
        self.app = app
        self.token = settings.token.encode() if settings.token else None
        allow = settings.host_allowlist()
        self.allowed_hosts = None if allow is None else {h.lower() for h in allow}
        self.render_error = render_error

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        began = time.perf_counter()
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS:
                    headers.raw.append((name, value))
                headers.append("Server-Timing", f"app;dur={(time.perf_counter() - began) * 1000:.1f}")
                headers.append("Cache-Control", "no-store" if not scope["path"].startswith("/static/") else "max-age=3600")
            await send(message)

        response = self._refusal(scope)
        if response is not None:
            await response(scope, receive, send_with_headers)
            return
        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            if started:
                raise
            log.exception("unhandled error on %s", scope["path"])
            failure = self.render_error(scope["path"], 500, "RSH-E000", "internal error; the server log has the details")
            await failure(scope, receive, send_with_headers)

    def _refusal(self, scope: Scope) -> Response | None:
        headers = Headers(scope=scope)
        path: str = scope["path"]
        if self.allowed_hosts is not None:
            host = headers.get("host", "").lower()
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if name not in self.allowed_hosts and host not in self.allowed_hosts:
                return self.render_error(path, 400, "RSH-E101", f"host {host!r} is not served here; open it as http://127.0.0.1")
        if self.token is None:
            return None
        query = scope.get("query_string", b"").decode("latin-1")
        params = parse_qsl(query, keep_blank_values=True)
        given = [v for k, v in params if k == TOKEN_PARAM]
        if given:
            if not self._valid(given[-1].encode()):
                return self._unauthorised(path)
            # Swap the token in the URL for a cookie, so it leaves the address bar and history.
            rest = urlencode([(k, v) for k, v in params if k != TOKEN_PARAM])
            local = "/" + path.lstrip("/")  # never "//host": a redirect stays on this server
            redirect = RedirectResponse(local + (f"?{rest}" if rest else ""), status_code=303)
            redirect.set_cookie(TOKEN_COOKIE, given[-1], httponly=True, samesite="strict", path="/")
            return redirect
        auth = headers.get("authorization", "")
        if auth[:7].lower() == "bearer " and self._valid(auth[7:].strip().encode()):
            return None
        cookie = SimpleCookie()
        try:
            cookie.load(headers.get("cookie", ""))
        except Exception:  # noqa: BLE001 - a malformed Cookie header is simply "no token"
            return self._unauthorised(path)
        morsel = cookie.get(TOKEN_COOKIE)
        if morsel is not None and self._valid(morsel.value.encode()):
            return None
        return self._unauthorised(path)

    def _valid(self, candidate: bytes) -> bool:
        assert self.token is not None
        return hmac.compare_digest(candidate, self.token)

    def _unauthorised(self, path: str) -> Response:
        response = self.render_error(
            path,
            401,
            "RSH-E102",
            "an access token is required: send 'Authorization: Bearer TOKEN', or open any page once with ?token=TOKEN",
        )
        response.headers["WWW-Authenticate"] = 'Bearer realm="rashomon"'
        return response
