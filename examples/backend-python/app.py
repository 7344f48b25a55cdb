"""A partner backend for the button in Python (FastAPI): contract v1 in JSON and form mode, and
the status endpoint, against SEEK Pass or the mock. Start it with `npm run example:python`
(against the mock `npm start` runs on :8080), or
`.venv-python/bin/python examples/backend-python/app.py`. Which file does what: README.md."""

import json
import re
from urllib.parse import parse_qsl, unquote

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response

from config import APP, PORT, PUBLIC_ORIGIN, ROOT
from guard import Refusal, admit, body, form_allowed, json_allowed, session_cookie, user
from pages import ENDPOINT, FIELDS, STATUS, continue_page, failure_page, json_answer
from seekpass import TYPES, add_link, records, status
from seekpass_button import render_button_html

app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
REF = re.compile(r"^[\w-][\w.-]{0,63}$", re.ASCII)
CSP = f"default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self' {APP}; base-uri 'none'; frame-ancestors 'none'"


def _request(ctype, ref, refs):
    """One credential type and its references, whichever way they were sent."""
    if not isinstance(ctype, str) or ctype not in TYPES:
        raise Refusal(400, "bad_request")
    if ref is not None and refs is not None:
        raise Refusal(400, "bad_request")
    refs = [ref] if ref is not None else refs
    valid = isinstance(refs, list) and 0 < len(refs) <= 10 and len(set(map(str, refs))) == len(refs) \
        and all(isinstance(r, str) and REF.match(r) for r in refs)
    if not valid:
        raise Refusal(400, "bad_request")
    return ctype, refs


@app.exception_handler(Refusal)
async def refused(request, e):
    headers = {"retry-after": str(e.retry_after)} if e.retry_after else {}
    if e.status == 405:
        headers["allow"] = "POST" if request.url.path == ENDPOINT else "GET"
    return json_answer(e.status, {"error": {"code": e.code}}, headers)


@app.post(ENDPOINT)
async def add(request: Request):
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/x-www-form-urlencoded":
        return await _add_form(request)
    if kind != "application/json":
        raise Refusal(415, "unsupported_media_type")
    if not json_allowed(request.headers):
        raise Refusal(403, "forbidden")
    who = admit(request, "add")
    try:
        b = json.loads(await body(request))
    except ValueError:
        raise Refusal(400, "bad_request") from None
    if not isinstance(b, dict) or any(k not in FIELDS for k in b):
        raise Refusal(400, "bad_request")
    ctype, refs = _request(b.get("credentialType"), b.get("credentialRef"), b.get("credentialRefs"))
    return json_answer(200, {"redirect_uri": await add_link(who, ctype, refs)})


async def _add_form(request):
    form = None
    try:
        if not form_allowed(request.headers):
            raise Refusal(403, "forbidden")
        form = parse_qsl(await body(request), keep_blank_values=True)
        names = [k for k, _ in form]
        if any(k not in FIELDS for k in names) or any(names.count(k) > 1 for k in ("credentialType", "credentialRef", "locale")):
            raise Refusal(400, "bad_request")
        who = admit(request, "add")
        values = dict(form)
        many = [v for k, v in form if k == "credentialRefs"]
        ctype, refs = _request(values.get("credentialType"), values.get("credentialRef"), many or None)
        return continue_page(await add_link(who, ctype, refs))
    except Refusal as e:
        return failure_page(e, form, request.headers.get("referer"), PUBLIC_ORIGIN)


@app.get(STATUS + "{rest:path}")
async def status_lookup(request: Request, rest: str):
    site = request.headers.get("sec-fetch-site")
    if site not in (None, "same-origin"):
        raise Refusal(403, "forbidden")
    who = admit(request, "status")
    raw = request.scope.get("raw_path", b"").decode("latin-1")[len(STATUS):]
    if re.search(r"%(?![0-9A-Fa-f]{2})", raw):
        raise Refusal(400, "bad_request")
    parts = [unquote(p, errors="strict") for p in raw.split("/")]
    if len(parts) != 2:
        raise Refusal(404, "not_found")
    ctype, refs = _request(parts[0], None, parts[1].split(","))
    return json_answer(200, await status(who, ctype, refs))


@app.get("/")
async def demo(request: Request, learner: str | None = None):
    """The demo signs in one of its learners (`?learner=` picks another); yours has real sign-in."""
    known = any(l["id"] == learner for l in records["learners"])
    current = user(request.headers)
    who = learner if known else current or "learner-jane"
    environment = ("staging" if "staging" in APP else "production") if APP.startswith("https:") else APP
    markup = render_button_html(endpoint=ENDPOINT, status_endpoint=STATUS[:-1], credential_type="education",
                                credential_ref="grad-2024-0042", environment=environment)
    snippet_file = ROOT / "dist/cdn/latest/snippet.html"
    snippet = snippet_file.read_text() if snippet_file.exists() else ""  # after `npm run build`
    page = (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Python backend example</title>{snippet}</head>'
            f'<body><main><h1>Your degree</h1>{markup}</main></body></html>')
    headers = {"cache-control": "no-store", "content-security-policy": CSP}
    if who != current:
        headers["set-cookie"] = session_cookie(who)
    return HTMLResponse(page, headers=headers)


MIME = {".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css", ".html": "text/html"}
CDN = (ROOT / "dist/cdn").resolve()


@app.get("/seekpass/{rest:path}")
async def asset(rest: str):
    """The button's files, as a CDN would serve them (the snippet's /seekpass/v<version>/ paths)."""
    file = (CDN / rest).resolve()
    if not file.is_relative_to(CDN) or not file.is_file():
        raise Refusal(404, "not_found")
    return Response(file.read_bytes(), media_type=MIME.get(file.suffix, "application/octet-stream"),
                    headers={"cache-control": "public, max-age=300", "x-content-type-options": "nosniff"})


@app.api_route(ENDPOINT, methods=["GET", "PUT", "DELETE", "PATCH", "OPTIONS"])
async def wrong_method():
    raise Refusal(405, "method_not_allowed")


@app.api_route("/{rest:path}", methods=["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
async def not_found():
    raise Refusal(404, "not_found")


if __name__ == "__main__":
    print(f"python backend example: {PUBLIC_ORIGIN}/ (SEEK Pass at {APP})", flush=True)
    # Slow clients: uvicorn closes idle keep-alive after 5 s; header and body deadlines are the
    # front proxy's job in production (README.md).
    uvicorn.run(app, host="127.0.0.1", port=PORT, log_level="warning", timeout_keep_alive=5, limit_concurrency=512)
