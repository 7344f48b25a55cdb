// `renderButtonHtml(options)`: the recommended markup as a string, a `<seek-pass-button>` around
// a working `<form>` (contract v1's form mode), so the button works before and without its script
// and wasm. No DOM, no wasm: Node, Deno, edge runtimes and server templates. The element takes
// its endpoint and credential from this form (the one source of truth) when it upgrades and at
// every click.
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
 * `true` for a flag) and its content as a tree (`[tag, attributes, ...children]`, children nodes
 * or text), the form. `renderButtonHtml` writes them as HTML; the React component creates them as
 * elements (no HTML string on the client, so Trusted Types need no policy). Throws a `TypeError`
 * when `endpoint` or `statusEndpoint` is not a same-origin path.
 */
export function buttonParts(options = {}) {
  const endpoint = path('endpoint', options.endpoint ?? SP_DEFAULT_ENDPOINTS[SP_ATTR.endpoint]);
  if (options.statusEndpoint != null) path('statusEndpoint', options.statusEndpoint);
  const formOwned = new Set([SP_ATTR.endpoint, ...Object.keys(SP_FORM_FIELDS)]);
  const host = [];
  for (const [prop, name] of Object.entries(SP_ATTR)) {
    const value = options[prop];
    if (value == null || value === false || formOwned.has(name) && name !== SP_ATTR.locale) continue;
    host.push([name, SP_FLAGS.has(name) || String(value)]);
  }
  const refs = options.credentialRefs;
  const list = Array.isArray(refs) ? refs : refs == null ? [] : String(refs).split(/[\s,]+/).filter(Boolean);
  const fields = [];
  const hidden = (name, value) => fields.push(['input', { type: 'hidden', name, value: String(value) }]);
  for (const [name, field] of Object.entries(SP_FORM_FIELDS)) {
    const prop = Object.keys(SP_ATTR).find((p) => SP_ATTR[p] === name);
    if (prop === 'credentialRefs') for (const r of list) hidden(field, r);
    else if (options[prop] != null) hidden(field, options[prop]);
  }
  const form = { class: 'sp-container', method: 'post', action: endpoint };
  if (options.target === SP_NEW_TAB) form.target = '_blank';
  const button = { class: 'sp-button', type: 'submit', 'data-state': SP_STATE.Idle };
  if (options.disabled) button.disabled = true;
  const paths = SP_MARK.map(([d, cls]) => ['path', { d, class: `sp-${cls}` }]);
  const inner = ['form', form, ...fields, ['button', button,
    ['span', { class: 'sp-mark', 'aria-hidden': 'true' }, ['svg', { viewBox: '0 0 24 24', focusable: 'false' }, ...paths]],
    ['span', { class: 'sp-label' }, spTextFor(options.locale)[0]],
    ['span', { class: 'sp-spinner', 'aria-hidden': 'true' }]]];
  return { host, inner };
}

const VOID = new Set(['input']);
function html(node) {
  if (typeof node === 'string') return escape(node);
  const [tag, attrs, ...children] = node;
  const open = `<${tag}${Object.entries(attrs).map(([n, v]) => attr(n, v)).join('')}>`;
  return VOID.has(tag) ? open : `${open}${children.map(html).join('')}</${tag}>`;
}

/**
 * The button's markup for `options` (the element's camelCase options; `credentialRefs` a list or
 * a space- or comma-separated string). Values are escaped. The label is in `options.locale`
 * (English by default: server markup cannot see the page's `lang`). Throws a `TypeError` when
 * `endpoint` or `statusEndpoint` is not a same-origin path.
 */
export function renderButtonHtml(options = {}) {
  const { host, inner } = buttonParts(options);
  return `<${SP_TAG}${host.map(([name, value]) => attr(name, value)).join('')}>${html(inner)}</${SP_TAG}>`;
}
