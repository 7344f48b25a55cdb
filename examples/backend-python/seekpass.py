"""The SEEK Pass side: OAuth client credentials (one fetch per scope set), the add and status
calls, the id rule, and the check of SEEK Pass's link before it goes to the browser.
docs/partner-backend.md explains each step. The link is never logged."""

import asyncio
import hashlib
import hmac
import json
import logging
import re
import time
from urllib.parse import urlsplit

import httpx

from config import API, APP, CLIENT_ID, CLIENT_SECRET, ID_KEY, RECORDS, TIMEOUT_S
from guard import Refusal

log = logging.getLogger("backend-python")

# The SEEK Pass side of each credential type (docs/partner-backend.md §1–4).
TYPES = {
    "education": {"path": "/api/partner/v1/add/education.json", "scope": "write.education", "app": "education", "items": "education_items"},
    "english_proficiency": {"path": "/api/partner/v1/add/english_proficiency.json", "scope": "write.english_proficiency", "app": "englishProficiency", "items": "english_proficiency_items"},
    "microcredential": {"path": "/api/partner/v1/add/microcredential.json", "scope": "write.microcredential", "app": "microcredential", "items": "microcredential_items"},
    "digital_identity": {"path": "/api/partner/v1/add/digital_identity.json", "scope": "write.digital_identity", "app": "digitalIdentity"},
    "batch": {"path": "/api/partner/v2/add/requests/batch.json", "app": "batch"},
}

# Your records: here the demo learners' file; the browser only ever sends a reference.
records = json.loads(RECORDS.read_text())
_by_ref = {c["reference"]: c for c in records["credentials"]}
_http = httpx.AsyncClient(base_url=API, timeout=TIMEOUT_S, follow_redirects=False)


def submission_id(ctype, who, refs):
    """The id rule (docs/partner-backend.md §5): one id per endpoint, type, user and references.
    The same serialisation as examples/backend-node (JSON without spaces)."""
    message = json.dumps([TYPES[ctype]["path"], ctype, who, refs], separators=(",", ":"), ensure_ascii=False)
    h = hmac.new(ID_KEY, message.encode(), hashlib.sha256).hexdigest()
    return f"partner-{h[0:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:32]}"


async def _upstream(method, path, **kwargs):
    try:
        return await _http.request(method, path, **kwargs)
    except httpx.TimeoutException:
        raise Refusal(504, "upstream_timeout") from None
    except httpx.HTTPError:
        raise Refusal(503, "upstream_unavailable") from None


# Tokens: one in-flight fetch per scope set shared by every caller, success or failure; a failure
# remembered for 5 s; renewed ahead by min(60 s, half its life); life bounded to a day.
_tokens = {}


async def _fetch_token(scope):
    r = await _upstream("POST", "/api/partner/v1/oauth/token.json", headers={"accept": "application/json"},
                        data={"grant_type": "client_credentials", "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "scope": scope})
    if r.status_code != 200:
        raise Refusal(502, "upstream_auth")
    try:
        body = r.json()
        token = body["access_token"]
        assert isinstance(token, str)
    except (ValueError, KeyError, TypeError, AssertionError):
        raise Refusal(502, "upstream_bad_response") from None
    try:
        life = min(max(float(body.get("expires_in") or 300), 1), 86_400)
    except (TypeError, ValueError):
        life = 300
    return {"token": token, "until": time.monotonic() + life - min(60, life / 2)}


async def _token(scope, stale=None):
    hit = _tokens.get(scope, {})
    if "pending" in hit:
        return await asyncio.shield(hit["pending"])
    if "token" in hit and hit["token"] != stale and hit["until"] > time.monotonic():
        return hit["token"]
    if hit.get("failed", 0) > time.monotonic():
        raise hit["error"]

    async def fetch():
        try:
            fresh = await _fetch_token(scope)
        except Refusal as e:
            _tokens[scope] = {"failed": time.monotonic() + 5, "error": e}
            raise
        _tokens[scope] = fresh
        return fresh["token"]

    pending = asyncio.ensure_future(fetch())
    _tokens[scope] = {"pending": pending}
    return await asyncio.shield(pending)


async def _call(scope, path, method, payload=None):
    """A Bearer call: one token refresh after a 401; SEEK Pass's answers mapped onto contract v1."""
    stale = None
    for attempt in range(2):
        bearer = await _token(scope, stale)
        r = await _upstream(method, path, json=payload, headers={"authorization": f"Bearer {bearer}", "accept": "application/json"})
        if r.status_code == 401 and attempt == 0:
            stale = bearer
            continue
        if 200 <= r.status_code < 300:
            try:
                return r.json()
            except ValueError:
                raise Refusal(502, "upstream_bad_response") from None
        if r.status_code == 429:
            wait = r.headers.get("retry-after", "")
            raise Refusal(429, "rate_limited", max(1, int(wait)) if wait.isdigit() else 30)
        if r.status_code in (401, 403):
            raise Refusal(502, "upstream_auth")
        if r.status_code == 404 and method == "GET":
            return None
        if r.status_code < 500:
            # Which fields SEEK Pass refused (paths and rules, never values) is what you need to fix it.
            try:
                fields = [[f.get("path"), f.get("rule")] for f in r.json().get("fields", [])]
            except (ValueError, AttributeError):
                fields = []
            log.warning("SEEK Pass refused the payload %s %s", r.status_code, json.dumps(fields))
            raise Refusal(422, "rejected")
        raise Refusal(503, "upstream_unavailable")
    raise Refusal(502, "upstream_auth")


def _owned(who, refs):
    """The user's own records only. A missing record and another user's are answered alike."""
    found = [_by_ref.get(ref) for ref in refs]
    if any(r is None or r["owner"] != who for r in found):
        raise Refusal(404, "not_found")
    return found


def _scopes(ctype, recs):
    if ctype != "batch":
        return TYPES[ctype]["scope"]
    return " ".join(sorted({TYPES[r["credential_type"]]["scope"] for r in recs}))


def _payload(ctype, sid, recs):
    if ctype != "batch":
        if len(recs) != 1 or recs[0]["credential_type"] != ctype:
            raise Refusal(400, "bad_request")
        r = recs[0]
        return {"id": sid, "credential_type": ctype, "document_type": r["document_type"],
                "data": {"credential": r["credential"], "document": r.get("document")}}
    payload = {"credential_id": sid}
    for n, r in enumerate(recs, start=1):
        item = {"credential_id": f"{sid}-{r['credential_type']}-{n}", "fields": r["credential"]}
        key = TYPES[r["credential_type"]].get("items")
        if key:
            payload.setdefault(key, []).append(item)
        else:
            payload["digital_identity"] = item
    return payload


def _checked(raw, ctype):
    """SEEK Pass's link must be its app page for this type, on the configured host, as documented."""
    link = str(raw).replace("\\u0026", "&")
    try:
        parts = urlsplit(link)
        origin = f"{parts.scheme}://{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    except ValueError:
        raise Refusal(502, "redirect_rejected") from None
    shape = r"clientId=[^&#]+&content=[^&#]+" if ctype == "batch" else r"clientId=[^&#]+&documentType=[^&#]+&content=[^&#]+"
    if origin != APP or "@" in parts.netloc or parts.query or not re.match(shape, parts.fragment) or re.search(r"\s", link):
        raise Refusal(502, "redirect_rejected")
    if parts.path != f"/partner/add/{TYPES[ctype]['app']}":
        raise Refusal(502, "upstream_invalid")
    return link


async def add_link(who, ctype, refs):
    """The add link for `who`'s `refs` as `ctype`. A 5xx or unreachable SEEK Pass is tried twice
    more: the derived id makes a repeat return the first attempt's link."""
    recs = _owned(who, refs)
    payload = _payload(ctype, submission_id(ctype, who, refs), recs)
    for pause in (0.1, 0.4, None):
        try:
            body = await _call(_scopes(ctype, recs), TYPES[ctype]["path"], "POST", payload)
            break
        except Refusal as e:
            if e.code != "upstream_unavailable" or pause is None:
                raise
            await asyncio.sleep(pause)
    if not isinstance(body, dict) or not isinstance(body.get("redirect_uri"), str):
        raise Refusal(502, "upstream_bad_response")
    return _checked(body["redirect_uri"], ctype)


async def status(who, ctype, refs):
    """The status of the same derived id; any value SEEK Pass does not document is "unknown"."""
    body = await _call(_scopes(ctype, _owned(who, refs)), f"/api/partner/v1/submissions/{submission_id(ctype, who, refs)}/status.json", "GET")
    if body is None:
        return {"status": "not_submitted", "finalized_at": None}
    known = isinstance(body, dict) and body.get("status") in ("verified", "canceled", "incomplete")
    return {"status": body["status"] if known else "unknown", "finalized_at": body.get("finalized_at") if isinstance(body, dict) else None}
