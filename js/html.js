// `renderButtonHtml(options)`: the recommended markup as a string, a `<seek-pass-button>` whose
// attributes configure it and whose declarative shadow root holds a working `<form>` (contract
// v1's form mode), so the button works before and without its script and wasm, in any container.
// No DOM, no wasm: Node, Deno, edge runtimes and server templates.
import {
  SP_ATTR, SP_DEFAULT_ENDPOINTS, SP_FLAGS, SP_FORM_FIELDS, SP_MARK, SP_NEW_TAB, SP_STATE, SP_TAG,
} from './generated.js';
import { spTextFor } from './text.js';

const escape = (value) => String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const attr = (name, value) => (value === true ? ` ${name}` : ` ${name}="${escape(value)}"`);

// A path on the page's own origin: `/` then not `/` or `\` (`//host` and `/\host` are another
// host to a browser), and no whitespace, control character or `\` anywhere (browsers drop tabs
// and newlines from URLs, so `/\t/host` would become `//host`). Refuses `javascript:` and URLs.
const SAME_ORIGIN_PATH = /^\/(?![/\\])[^\s\\\x00-\x1f\x7f]*$/;

function path(name, value) {
  if (!SAME_ORIGIN_PATH.test(value)) {
    throw new TypeError(`seekpass-button: ${name} must be a path on this origin, such as ${SP_DEFAULT_ENDPOINTS[SP_ATTR[name]]}`);
  }
  return value;
}

/**
 * The button's markup for `options` in two parts: the host's attributes (`[name, value]`, value
 * `true` for a flag), which are the button's whole configuration, and its declarative shadow root
 * as a tree (`[tag, attributes, ...children]`, children nodes or text): a `<template
 * shadowrootmode="open">` holding a working form written from the same options. Inside a
 * template the HTML parser neither closes an open `<p>` nor drops a form nested in the page's own
 * `<form>`, so the markup survives any container (`p`, `span`, `label`, `li`, `td`, `h2`, a
 * partner form); the page's `seekpass-button.css` styles it through `::part()` until the element
 * is defined. Throws a `TypeError` when `endpoint` or `statusEndpoint` is not a same-origin path.
 */
export function buttonParts(options = {}) {
  const endpoint = path('endpoint', options.endpoint ?? SP_DEFAULT_ENDPOINTS[SP_ATTR.endpoint]);
  if (options.statusEndpoint != null) path('statusEndpoint', options.statusEndpoint);
  const refs = options.credentialRefs;
  const list = Array.isArray(refs) ? refs : refs == null ? [] : String(refs).split(/[\s,]+/).filter(Boolean);
  const host = [];
  for (const [prop, name] of Object.entries(SP_ATTR)) {
    const value = prop === 'endpoint' ? endpoint : prop === 'credentialRefs' ? list.join(' ') || null : options[prop];
    if (value == null || value === false) continue;
    host.push([name, SP_FLAGS.has(name) || String(value)]);
  }
  // The page's name and description for this button (which credential), on the host; the name
  // also on the form's button, which is named before any script runs (accessibility.md A6).
  if (options.ariaLabel != null) host.push(['aria-label', String(options.ariaLabel)]);
  if (options.ariaDescribedBy != null) host.push(['aria-describedby', String(options.ariaDescribedBy)]);
  const fields = [];
  const hidden = (name, value) => fields.push(['input', { type: 'hidden', name, value: String(value) }]);
  for (const [name, field] of Object.entries(SP_FORM_FIELDS)) {
    const prop = Object.keys(SP_ATTR).find((p) => SP_ATTR[p] === name);
    if (prop === 'credentialRefs') for (const r of list) hidden(field, r);
    else if (options[prop] != null) hidden(field, options[prop]);
  }
  // Each element's `part` is its class: the page's stylesheet reaches them through `::part()`.
  const el = (tag, cls, attrs, ...children) => [tag, { class: cls, part: cls, ...attrs }, ...children];
  const [label, , lang] = spTextFor(options.locale);
  // The texts' own language and direction, whatever the page's (accessibility.md A7, A11).
  const form = { method: 'post', action: endpoint, lang, dir: 'ltr' };
  if (options.target === SP_NEW_TAB) form.target = '_blank';
  const button = { type: 'submit', 'data-state': SP_STATE.Idle };
  if (options.disabled) button.disabled = true;
  if (options.ariaLabel != null) button['aria-label'] = String(options.ariaLabel);
  const hide = { 'aria-hidden': 'true' };
  const paths = SP_MARK.map(([d, cls]) => el('path', cls, { d }));
  const inner = ['template', { shadowrootmode: 'open' }, el('form', 'container', form, ...fields, el('button', 'button', button,
    el('span', 'mark', hide, ['svg', { viewBox: '0 0 24 24', width: '100%', height: '100%', focusable: 'false' }, ...paths]),
    el('span', 'label', {}, label),
    el('span', 'spinner', hide)))];
  return { host, inner };
}

const VOID = new Set(['input']);
/** A `buttonParts` tree as HTML (attribute values and text escaped). */
export function treeHtml(node) {
  if (typeof node === 'string') return escape(node);
  const [tag, attrs, ...children] = node;
  const open = `<${tag}${Object.entries(attrs).map(([n, v]) => attr(n, v)).join('')}>`;
  return VOID.has(tag) ? open : `${open}${children.map(treeHtml).join('')}</${tag}>`;
}

/**
 * The button's markup for `options` (the element's camelCase options; `credentialRefs` a list or
 * a space- or comma-separated string). Values are escaped. The label is in `options.locale`
 * (English by default: server markup cannot see the page's `lang`). Throws a `TypeError` when
 * `endpoint` or `statusEndpoint` is not a same-origin path.
 */
export function renderButtonHtml(options = {}) {
  const { host, inner } = buttonParts(options);
  return `<${SP_TAG}${host.map(([name, value]) => attr(name, value)).join('')}>${treeHtml(inner)}</${SP_TAG}>`;
}
