"""Settings of one web server, declared once and checked before anything listens."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field

from rashomon.errors import UsageError
from rashomon.store.factory import DEFAULT_DB

TOKEN_ENV = "RASHOMON_TOKEN"
# 16 characters of a URL-safe random token carry ~96 bits: far beyond online guessing.
MIN_TOKEN_LENGTH = 16
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class WebSettings:
    """How ``create_app`` builds the server.

    ``token`` None means open access, which is allowed only on a loopback address.
    ``allowed_hosts`` are the Host header values accepted (DNS-rebinding guard); empty means
    "the loopback names" when bound to loopback, and any host when a token protects the server.
    """

    db: str = DEFAULT_DB
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    per_page: int = 25
    allowed_hosts: tuple[str, ...] = field(default_factory=tuple)
    brief: bool = True

    def check(self) -> None:
        """Refuse unsafe combinations with a message that says how to fix them."""
        if self.token is not None and len(self.token) < MIN_TOKEN_LENGTH:
            raise UsageError(
                f"the access token is {len(self.token)} characters; use at least {MIN_TOKEN_LENGTH}, "
                'e.g. python -c "import secrets; print(secrets.token_urlsafe(24))"'
            )
        if not is_loopback(self.host) and not self.token:
            raise UsageError(
                f"refusing to serve on {self.host} without an access token: anyone who can reach it could read the "
                f"database; pass --token or set {TOKEN_ENV}, or bind to 127.0.0.1"
            )

    def host_allowlist(self) -> tuple[str, ...] | None:
        """Host header values to accept, or None for any."""
        if self.allowed_hosts:
            return self.allowed_hosts
        if self.token:
            return None
        return ("127.0.0.1", "localhost", "[::1]", self.host)
