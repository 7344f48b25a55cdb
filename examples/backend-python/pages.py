"""The pages a person's browser shows in form mode (the button before or without its script).
Every value written into a page is escaped; no page can be framed."""

from html import escape
from urllib.parse import urlsplit

from fastapi.responses import HTMLResponse, JSONResponse

ENDPOINT = "/api/seekpass/add"
STATUS = "/api/seekpass/status/"
FIELDS = {"credentialType", "credentialRef", "credentialRefs", "locale"}
RETRYABLE = {429, 502, 503, 504}
NEVER_CACHED = {"cache-control": "no-store", "x-content-type-options": "nosniff"}


def json_answer(status, value, headers=None):
    """A contract v1 answer: never cached, never sniffed."""
    return JSONResponse(value, status_code=status, headers={**NEVER_CACHED, **(headers or {})})


def _html(status, page, csp, headers=None):
    return HTMLResponse(
        f'<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width">{page}</html>',
        status_code=status,
        headers={**NEVER_CACHED, "referrer-policy": "no-referrer",
                 "content-security-policy": f"default-src 'none'; base-uri 'none'; frame-ancestors 'none'; {csp}", **(headers or {})},
    )


def continue_page(link):
    """The form mode's success: a page of this origin that goes on to SEEK Pass by itself (not a
    303, which `form-action 'self'` refuses)."""
    href = escape(link)
    return _html(200, f'<meta http-equiv="refresh" content="0; url={href}"><title>Opening SEEK Pass…</title><p><a href="{href}">Open SEEK Pass</a></p>', "form-action 'none'")


WORDS = {
    400: "That request could not be read.", 401: "Please sign in again, then add your credential.",
    403: "This request was refused.", 404: "We could not find that credential.",
    413: "That request was too large.", 422: "SEEK Pass could not accept this credential. Please contact us.",
    429: "Too many attempts. Please wait a moment, then try again.",
}


def failure_page(e, form, referer, public_origin):
    """The form mode's failure: what happened, "Try again" only where it can help, a way back to
    this site (never elsewhere)."""
    retry = ""
    if e.status in RETRYABLE and form is not None:
        hidden = "".join(f'<input type="hidden" name="{escape(k)}" value="{escape(v)}">' for k, v in form if k in FIELDS)
        retry = f'<form method="post" action="{ENDPOINT}">{hidden}<button>Try again</button></form>'
    back = "/"
    try:
        r = urlsplit(referer or "")
        if f"{r.scheme}://{r.netloc}" == public_origin:
            back = referer
    except ValueError:
        pass
    text = WORDS.get(e.status, "SEEK Pass could not be reached. Please try again.")
    headers = {"retry-after": str(e.retry_after)} if e.retry_after else {}
    if e.status == 413:
        headers["connection"] = "close"
    return _html(e.status, f'<title>Not added to SEEK Pass</title><h1>Not added to SEEK Pass</h1><p role="alert">{text}</p>{retry}<p><a href="{escape(back)}">Back</a></p>',
                 "form-action 'self'", headers)
