// `renderButtonHtml(options)`: the recommended markup as a string, a `<seek-pass-button>` around
// a working `<form>` (contract v1's form mode), so the button works before and without its script
// and wasm. No DOM, no wasm: Node, Deno, edge runtimes and server templates. The element takes
// its endpoint and credential from this form when it upgrades.
import { SP_ATTR, SP_FLAGS, SP_FORM_FIELDS, SP_MARK, SP_NEW_TAB, SP_STATE, SP_TAG } from './generated.js';
import { spTextFor } from './text.js';

const escape = (value) => String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const attr = (name, value) => ` ${name}="${escape(value)}"`;
const hidden = (name, value) => `<input type="hidden"${attr('name', name)}${attr('value', value)}>`;

/**
 * The button's markup for `options` in two parts: the host's attributes (`[name, value]`, value
 * `''` for a flag) and its inner HTML, the form. `renderButtonHtml` joins them; the React component
 * gives them to React (attributes as props, the form as the element's HTML).
 */
export function buttonParts(options = {}) {
  const formOwned = new Set([SP_ATTR.endpoint, ...Object.keys(SP_FORM_FIELDS)]);
  const host = [];
  for (const [prop, name] of Object.entries(SP_ATTR)) {
    const value = options[prop];
    if (value == null || value === false || formOwned.has(name) && name !== SP_ATTR.locale) continue;
    host.push([name, SP_FLAGS.has(name) ? '' : String(value)]);
  }
  const refs = options.credentialRefs;
  const list = Array.isArray(refs) ? refs : refs == null ? [] : String(refs).split(/[\s,]+/).filter(Boolean);
  let fields = '';
  for (const [name, field] of Object.entries(SP_FORM_FIELDS)) {
    const prop = Object.keys(SP_ATTR).find((p) => SP_ATTR[p] === name);
    if (prop === 'credentialRefs') for (const r of list) fields += hidden(field, r);
    else if (options[prop] != null) fields += hidden(field, options[prop]);
  }
  const target = options.target === SP_NEW_TAB ? attr('target', '_blank') : '';
  const paths = SP_MARK.map(([d, cls]) => `<path${attr('d', d)}${attr('class', `sp-${cls}`)}></path>`).join('');
  const label = spTextFor(options.locale)[0];
  const inner = `<form class="sp-container" method="post"${attr('action', options.endpoint ?? '')}${target}>${fields}`
    + `<button class="sp-button" type="submit"${attr('data-state', SP_STATE.Idle)}${options.disabled ? ' disabled' : ''}>`
    + `<span class="sp-mark" aria-hidden="true"><svg viewBox="0 0 24 24" focusable="false">${paths}</svg></span>`
    + `<span class="sp-label">${escape(label)}</span><span class="sp-spinner" aria-hidden="true"></span></button></form>`;
  return { host, inner };
}

/**
 * The button's markup for `options` (the element's camelCase options; `credentialRefs` a list or
 * a space- or comma-separated string). Values are escaped. The label is in `options.locale`
 * (English by default: server markup cannot see the page's `lang`).
 */
export function renderButtonHtml(options = {}) {
  const { host, inner } = buttonParts(options);
  const attrs = host.map(([name, value]) => (SP_FLAGS.has(name) ? ` ${name}` : attr(name, value))).join('');
  return `<${SP_TAG}${attrs}>${inner}</${SP_TAG}>`;
}
