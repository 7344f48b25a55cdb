"""The button's recommended markup from Python, as `renderButtonHtml` writes it in JavaScript: a
`<seek-pass-button>` whose attributes configure it and whose declarative shadow root holds a
working form (contract v1's form mode), so it works before and without its script, in any
container. The facts come from seekpass_button_data.json (generated from the Rust source);
tests/conformance/markup.test.mjs holds the two renderers to the same output.

    from seekpass_button import render_button_html
    html = render_button_html(credential_type="education", credential_ref="grad-2024-0042")
"""

import json
import re
from pathlib import Path

_DATA = json.loads((Path(__file__).with_name("seekpass_button_data.json")).read_text(encoding="utf-8"))
_SAME_ORIGIN_PATH = re.compile(r"^/(?![/\\])[^\s\\\x00-\x1f\x7f]*$")
_CAMEL = {prop: re.sub(r"[A-Z]", lambda m: "_" + m.group().lower(), prop) for prop, _ in _DATA["attributes"]}


def _escape(value):
    return re.sub(r"[&<>\"']", lambda m: f"&#{ord(m.group())};", str(value))


def _attr(name, value):
    return f" {name}" if value is True else f' {name}="{_escape(value)}"'


def text_for(tag):
    """`(label, busy announcement, locale)` for a language tag, negotiated as the button does."""
    lang, *rest = str(tag or "").lower().replace("_", "-").split("-")
    chinese, subtags = _DATA["chinese"]
    key = (chinese if any(p in subtags for p in rest) else "en") if lang == "zh" else _DATA["languages"].get(lang)
    key = key if key in _DATA["text"] else "en"
    return (*_DATA["text"][key], key)


def _path(name, value):
    if not isinstance(value, str) or not _SAME_ORIGIN_PATH.match(value):
        attr = dict(_DATA["attributes"])[name]
        raise ValueError(f"seekpass-button: {name} must be a path on this origin, such as {_DATA['default_endpoints'][attr]}")
    return value


def _tree(node):
    if isinstance(node, str):
        return _escape(node)
    tag, attrs, *children = node
    opening = f"<{tag}{''.join(_attr(n, v) for n, v in attrs.items())}>"
    return opening if tag == "input" else f"{opening}{''.join(_tree(c) for c in children)}</{tag}>"


def render_button_html(*, aria_label=None, aria_described_by=None, **options):
    """The button's markup for `options`, the element's options in snake_case (`credential_type`,
    `credential_ref`, `credential_refs` as a list or a space- or comma-separated string,
    `environment`, `locale`, `status_endpoint`, `disabled`, …). Values are escaped. Raises
    ValueError when `endpoint` or `status_endpoint` is not a same-origin path, TypeError for an
    unknown option."""
    unknown = set(options) - set(_CAMEL.values())
    if unknown:
        raise TypeError(f"seekpass-button: unknown options {sorted(unknown)}")
    opt = {prop: options.get(snake) for prop, snake in _CAMEL.items()}
    endpoint = _path("endpoint", opt["endpoint"] if opt["endpoint"] is not None else _DATA["default_endpoints"]["endpoint"])
    if opt["statusEndpoint"] is not None:
        _path("statusEndpoint", opt["statusEndpoint"])
    refs = opt["credentialRefs"]
    refs = list(refs) if isinstance(refs, (list, tuple)) else [r for r in re.split(r"[\s,]+", str(refs)) if r] if refs is not None else []
    host = []
    for prop, name in _DATA["attributes"]:
        value = endpoint if prop == "endpoint" else (" ".join(refs) or None) if prop == "credentialRefs" else opt[prop]
        if value is None or value is False:
            continue
        host.append((name, True if name in _DATA["flags"] else str(value)))
    if aria_label is not None:
        host.append(("aria-label", str(aria_label)))
    if aria_described_by is not None:
        host.append(("aria-describedby", str(aria_described_by)))
    fields = []
    by_attr = {name: prop for prop, name in _DATA["attributes"]}
    for name, field in _DATA["form_fields"]:
        prop = by_attr[name]
        if prop == "credentialRefs":
            fields += [["input", {"type": "hidden", "name": field, "value": str(r)}] for r in refs]
        elif opt[prop] is not None:
            fields.append(["input", {"type": "hidden", "name": field, "value": str(opt[prop])}])

    def el(tag, cls, attrs, *children):
        return [tag, {"class": cls, "part": cls, **attrs}, *children]

    label, _, lang = text_for(opt["locale"])
    form = {"method": "post", "action": endpoint, "lang": lang, "dir": "ltr"}
    if opt["target"] == _DATA["new_tab"]:
        form["target"] = "_blank"
    button = {"type": "submit", "data-state": _DATA["idle"]}
    if opt["disabled"]:
        button["disabled"] = True
    if aria_label is not None:
        button["aria-label"] = str(aria_label)
    hide = {"aria-hidden": "true"}
    paths = [el("path", cls, {"d": d}) for d, cls in _DATA["mark"]]
    svg = ["svg", {"viewBox": "0 0 24 24", "width": "100%", "height": "100%", "focusable": "false"}, *paths]
    inner = ["template", {"shadowrootmode": "open"}, el("form", "container", form, *fields, el("button", "button", button,
        el("span", "mark", hide, svg), el("span", "label", {}, label), el("span", "spinner", hide)))]
    tag = _DATA["tag"]
    return f"<{tag}{''.join(_attr(n, v) for n, v in host)}>{_tree(inner)}</{tag}>"
