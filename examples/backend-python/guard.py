"""Who may ask, and how often: the signed session cookie, the CSRF rules of each mode, the rate
limits (the `limits` library's moving windows), and a bounded body read."""

import hashlib
import hmac
import math
import time

from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from config import PUBLIC_ORIGIN, RATES, SECURE, SESSION_KEY

MAX_BODY = 65_536


class Refusal(Exception):
    """A contract v1 error: HTTP status, {"error":{"code"}}, Retry-After seconds for a 429."""

    def __init__(self, status, code, retry_after=None):
        super().__init__(code)
        self.status, self.code, self.retry_after = status, code, retry_after


# The session: `<user>.<HMAC>`, HttpOnly, SameSite=Strict, 8 h; `__Host-` and Secure over https
# (threats.md item 57).
COOKIE = "__Host-sp_session" if SECURE else "sp_session"


def _sign(user):
    return hmac.new(SESSION_KEY, f"session\0{user}".encode(), hashlib.sha256).hexdigest()


def session_cookie(user):
    """The Set-Cookie value that signs `user` in."""
    return f"{COOKIE}={user}.{_sign(user)}; HttpOnly; SameSite=Strict; Path=/; Max-Age=28800" + ("; Secure" if SECURE else "")


def user(headers):
    """The signed-in user: every session cookie is checked, not the first; two valid ones for
    different users are refused as ambiguous."""
    users = set()
    for part in headers.get("cookie", "").split(";"):
        name, _, value = part.strip().partition("=")
        who, dot, mac = value.rpartition(".")
        if name == COOKIE and dot and who and hmac.compare_digest(mac, _sign(who)):
            users.add(who)
    return users.pop() if len(users) == 1 else None


def json_allowed(headers):
    """JSON: same-origin fetch metadata where sent, and the widget's header."""
    site = headers.get("sec-fetch-site")
    return site in (None, "same-origin") and bool(headers.get("x-seekpass-widget"))


def form_allowed(headers):
    """Form: same-origin metadata, or where a browser sends none, our own Origin (none, or
    `null`, is refused)."""
    site = headers.get("sec-fetch-site")
    if site is not None:
        return site == "same-origin"
    return headers.get("origin") == PUBLIC_ORIGIN


_limiter = MovingWindowRateLimiter(MemoryStorage())
_items = {key: parse(rate) for key, rate in RATES.items()}


def _take(endpoint, kind, key):
    item = _items[(endpoint, kind)]
    if _limiter.hit(item, endpoint, kind, key):
        return 0
    reset = _limiter.get_window_stats(item, endpoint, kind, key).reset_time
    return max(1, math.ceil(reset - time.time()))


def admit(request, endpoint):
    """The signed-in user, within the limits of `endpoint`: per user, then per address, counted
    only for signed-in requests (threats.md items 71, 78, 79)."""
    who = user(request.headers)
    if not who:
        raise Refusal(401, "not_authenticated")
    wait = _take(endpoint, "user", who) or _take(endpoint, "addr", request.client.host if request.client else "")
    if wait:
        raise Refusal(429, "rate_limited", wait)
    return who


async def body(request):
    """The request body as text, at most 64 KiB."""
    if int(request.headers.get("content-length") or 0) > MAX_BODY:
        raise Refusal(413, "bad_request")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise Refusal(413, "bad_request")
        chunks.append(chunk)
    return b"".join(chunks).decode("utf-8", errors="replace")
