"""The bureau's password: set at start-up, asked once on a log-in page, remembered in a signed cookie.

The cookie holds an HMAC of the password under the data folder's secret, never the password:
changing the password logs everybody out, a restart does not. It is HttpOnly and SameSite=Strict,
so another site cannot make a logged-in browser post to the bureau's pages. Unit upload links
need no password: the unguessable link is the unit's key.
"""
from __future__ import annotations

import hashlib
import hmac
import ipaddress

from starlette.requests import Request

COOKIE = "genreport_bureau"
LOGIN_PATH = "/login"


def is_loopback(host: str) -> bool:
    """Whether `host` is reachable only from this machine (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything


class Auth:
    def __init__(self, password: str | None, secret: bytes):
        self.password = password or None
        self._token = (hmac.new(secret, password.encode("utf-8"), hashlib.sha256).hexdigest()
                       if self.password else "")

    @property
    def required(self) -> bool:
        return self.password is not None

    def allowed(self, request: Request) -> bool:
        """Whether the request may see the bureau's pages."""
        if not self.required:
            return True
        return hmac.compare_digest(request.cookies.get(COOKIE, ""), self._token)

    def check(self, password: str) -> str | None:
        """The cookie value for a right password, None for a wrong one."""
        if self.required and hmac.compare_digest(password.encode("utf-8"), self.password.encode("utf-8")):
            return self._token
        return None


def safe_next(target: str | None) -> str:
    """Where to go after logging in: a path on this site only (never //elsewhere or http://…)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/c"
    return target
