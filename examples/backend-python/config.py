"""The example's settings, from the environment. Against the mock (a loopback SEEK Pass) every
setting has a default; against SEEK Pass itself it refuses to start without your client, your
keys and an https origin (threats.md item 81)."""

import os
import secrets
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def _env(name, default=None):
    return os.environ.get(name) or default


def _origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


PORT = int(_env("PORT", "3001"))
API = _origin(_env("SEEKPASS_API_BASE", "http://127.0.0.1:8080"))  # staging: https://app.seekpass-staging.com
AGAINST_MOCK = urlsplit(API).hostname in LOOPBACK
APP = _origin(_env("SEEKPASS_APP_ORIGIN", API))  # where SEEK Pass's links must point
PUBLIC_ORIGIN = _origin(_env("PUBLIC_ORIGIN", f"http://127.0.0.1:{PORT}"))
SECURE = PUBLIC_ORIGIN.startswith("https:")
TIMEOUT_S = int(_env("SEEKPASS_TIMEOUT_MS", "10000")) / 1000
# Adds and status lookups per signed-in user and per client address (the `limits` notation).
RATES = {
    ("add", "user"): _env("SEEKPASS_RATE_USER_ADD", "20/60").replace("/", " per ") + " seconds",
    ("add", "addr"): _env("SEEKPASS_RATE_ADDR_ADD", "120/60").replace("/", " per ") + " seconds",
    ("status", "user"): _env("SEEKPASS_RATE_USER_STATUS", "120/60").replace("/", " per ") + " seconds",
    ("status", "addr"): _env("SEEKPASS_RATE_ADDR_STATUS", "600/60").replace("/", " per ") + " seconds",
}
RECORDS = Path(_env("RECORDS", str(ROOT / "server/demo/records.json")))

_missing = []


def _need(name, mock_default):
    value = _env(name)
    if value:
        return value
    if AGAINST_MOCK:
        return mock_default
    _missing.append(name)
    return ""


CLIENT_ID = _need("SEEKPASS_CLIENT_ID", "730845ab-0a0d-4f4d-9c98-d871755d3ce9")  # the mock's client
CLIENT_SECRET = _need("SEEKPASS_CLIENT_SECRET", "mock-client-secret")
# The id key must stay the same across restarts (48 h of SEEK Pass's id reuse): 64 hex digits.
ID_KEY = bytes.fromhex(_need("SEEKPASS_ID_KEY", secrets.token_hex(32)) or "00")
SESSION_KEY = bytes.fromhex(_need("SEEKPASS_SESSION_KEY", secrets.token_hex(32)) or "00")
if not AGAINST_MOCK and not SECURE:
    _missing.append("PUBLIC_ORIGIN (https)")
if _missing or len(ID_KEY) != 32 or len(SESSION_KEY) != 32:
    what = f"set {', '.join(_missing)}" if _missing else "SEEKPASS_ID_KEY and SEEKPASS_SESSION_KEY must be 64 hex digits"
    sys.exit(f"backend-python: SEEK Pass at {API} is not the mock: {what}")
