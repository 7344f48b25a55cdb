// ---- <seek-pass-button>: the custom element over the shared wasm core ----
// An ES module over the wasm-bindgen output (`seekpass-wasm`, aliased by scripts/bundle.mjs to
// www/pkg), bundled by esbuild. Importing it touches no browser global; the wasm is fetched on
// first mount.
import __wbg_init, { mount } from 'seekpass-wasm';
import {
  SP_ATTR, SP_AUTO_ATTR, SP_CODE, SP_DEFAULT_ENDPOINTS, SP_EVENT, SP_FLAGS, SP_FORM_FIELDS, SP_MARK,
  SP_NEW_TAB, SP_PANIC_EVENT, SP_STATE, SP_TAG, SP_UNAVAILABLE,
} from './generated.js';
import { spTextFor } from './text.js';
import { drawView, spNew } from './view.js';

// Replaced by scripts/bundle.mjs (esbuild `define`).
export const SP_VERSION = __SP_VERSION__;
const SP_WASM_INTEGRITY = __SP_WASM_INTEGRITY__;
const SP_CSS = __SP_CSS__;
// Names, codes and texts shared with the wasm come from js/generated.js (rendered from Rust).
const SP_ATTRIBUTES = Object.values(SP_ATTR);

let spWasm = null;
// The instance's exports, once loaded (for `memoryBytes`).
let spExports = null;
let spPoisoned = false;
const spLive = new Set();
const SP_FALLBACK = Symbol('seekpass fallback');

class SpLoadError extends Error {
  constructor(code) { super(code); this.code = code; }
}

// One instantiation per page, shared by every button; a failed load may be retried by a later mount.
function spLoadWasm() {
  if (!spWasm) {
    const url = new URL('seekpass_button_bg.wasm', import.meta.url);
    spWasm = fetch(url, SP_WASM_INTEGRITY ? { integrity: SP_WASM_INTEGRITY } : {})
      .catch(async (error) => {
        // fetch rejects alike for network errors and integrity mismatches; a plain re-fetch
        // (whose bytes are never used) tells them apart.
        const reachable = SP_WASM_INTEGRITY && await fetch(url, { cache: 'no-store' }).then((r) => r.ok, () => false);
        throw reachable ? new SpLoadError(SP_CODE.IntegrityFailed) : error;
      })
      .then((response) => __wbg_init({ module_or_path: response }))
      .then((exports) => { spExports = exports; return true; });
    spWasm.catch(() => { spWasm = null; });
  }
  return spWasm;
}

// A button with a form already works before the wasm (the browser posts it), so its upgrade waits
// for the page: its load event, then an idle moment (at most 500 ms more). On a slow phone the
// upgrade's work then stays off the page's first frames and a person's first click. A page whose
// load waits on a stalled third party (an ad, a tracking pixel) holds it back 3 s at most.
const SP_SETTLE_MAX_MS = 3000;
let spSettled = null;
function spPageSettled() {
  spSettled ??= new Promise((done) => {
    const idle = () => (window.requestIdleCallback ? requestIdleCallback(() => done(), { timeout: 500 }) : setTimeout(done));
    if (document.readyState === 'complete') return idle();
    addEventListener('load', idle, { once: true });
    setTimeout(idle, SP_SETTLE_MAX_MS);
  });
  return spSettled;
}

// A task boundary: the browser may paint and handle input between the instantiation and a mount.
const spYield = () => new Promise((done) => setTimeout(done));

// A panic leaves the shared instance unusable: every button falls back and wasm is never
// entered again. The Rust panic hook raises this event; one `internal` error is reported.
function spPoison() {
  if (spPoisoned) return;
  spPoisoned = true;
  for (const el of spLive) el[SP_FALLBACK]();
  document.dispatchEvent(new CustomEvent(SP_EVENT.Error, {
    bubbles: true, composed: true, detail: { code: SP_CODE.Internal, retryable: false },
  }));
}

let spSheet = null;
function spStyle(root) {
  if (!spSheet) {
    spSheet = new CSSStyleSheet();
    spSheet.replaceSync(SP_CSS);
  }
  root.adoptedStyleSheets = [spSheet];
}

// The locale as the wasm reads it: `locale`, else the nearest `lang`.
function spText(host) {
  return spTextFor(host.getAttribute(SP_ATTR.locale) ?? host.closest('[lang]')?.lang);
}

// The element's own form (the recommended markup, `renderButtonHtml`): a working form before
// and without the wasm, and the one source of truth after it (threats.md item 72).
const spForm = (host) => host.querySelector(':scope > form');

// What the form says of each attribute it owns ('' where it says nothing): `action`, the fields.
function spFormValues(form) {
  const data = new FormData(form);
  const values = { [SP_ATTR.endpoint]: form.getAttribute('action') ?? '' };
  for (const [name, field] of Object.entries(SP_FORM_FIELDS)) values[name] = data.getAll(field).join(' ');
  return values;
}

// The declarative form (the recommended markup) written from the host's attributes, its truth,
// in the submit event (before the browser reads the fields): a prop change or a page script's
// `el.credentialRef = …` is what the form posts before the wasm runs, or without it.
function spFill(form, host) {
  form.setAttribute('action', host.getAttribute(SP_ATTR.endpoint));
  for (const input of form.querySelectorAll('input')) input.remove();
  for (const [name, field] of Object.entries(SP_FORM_FIELDS)) {
    for (const value of (host.getAttribute(name) ?? '').split(' ').filter(Boolean)) {
      const input = spNew('input');
      input.type = 'hidden';
      input.name = field;
      input.value = value;
      form.append(input);
    }
  }
}

// The button's DOM (js/view.js, also drawn by the wasm tests), adopted by the wasm's view: the
// element looks final (mark, label, size) from its first frame, before and after the wasm.
function spView(root, host, unavailable) {
  const [label, , lang] = spText(host);
  const button = drawView(root, {
    state: unavailable ? SP_STATE.Unavailable : SP_STATE.Idle,
    label,
    lang,
    disabled: unavailable || host.hasAttribute(SP_ATTR.disabled),
    message: unavailable ? SP_UNAVAILABLE : null,
    mark: SP_MARK,
  });
  // The page names or describes each button on the host (which credential it adds): the inner
  // button, which the wasm adopts, carries the name, and the described text (IDs do not reach
  // into a shadow root), so six buttons are not six "Add to SEEK Pass" (accessibility.md A6).
  const name = host.getAttribute('aria-label');
  if (name) button.setAttribute('aria-label', name);
  const ids = host.getAttribute('aria-describedby');
  if (ids) button.setAttribute('aria-description', ids.split(' ').map((id) => document.getElementById(id)?.textContent).join(' ').trim());
  return button;
}

/** Bytes of WebAssembly memory in use by the shared instance (0 before it loads); diagnostics. */
export function spMemoryBytes() {
  // The memory found by its type: the build shortens the exports' names (scripts/minify-names.mjs).
  const memory = spExports && Object.values(spExports).find((v) => v instanceof WebAssembly.Memory);
  return memory ? memory.buffer.byteLength : 0;
}

function spCamel(name) {
  return name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
}

export function spDefineElement() {
  if (typeof customElements === 'undefined' || customElements.get(SP_TAG)) return false;

  class SeekPassButton extends HTMLElement {
    static get observedAttributes() { return SP_ATTRIBUTES; }

    #root;
    #handle = null;
    #redirectHook = undefined;
    // A click (or Enter/Space) on the button before the wasm ran: `{ tab }`, replayed on mount.
    #held = null;
    // The element's own form, if the markup has one when it connects: in its declarative shadow
    // root (the recommended markup), or a light-DOM child (v0.3's markup, shown through a slot).
    #form = null;
    #light = false;
    // The attribute values this element took from its form (the page set the others).
    #derived = {};

    // Shows the form: the light one through a slot, or the declarative one back in the shadow
    // root (left where it is if it still is, so a focused button keeps focus).
    #showForm() {
      if (this.#light) this.#root.replaceChildren(spNew('slot'));
      else if (!this.#form.isConnected) this.#root.replaceChildren(this.#form);
    }

    get getRedirectUri() { return this.#redirectHook; }
    set getRedirectUri(fn) { this.#redirectHook = typeof fn === 'function' ? fn : undefined; if (!spPoisoned) this.#handle?.refresh(spHeld.has(this)); }

    // Shows the disabled fallback (used when the wasm is unusable); a symbol keeps it private.
    [SP_FALLBACK](refuse) {
      this.#handle = null;
      this.#held?.tab?.close();
      this.#held = null;
      // With its form, the button still works without the wasm: the browser posts it.
      if (this.#form && !refuse) this.#showForm();
      else spView(this.#root, this, true);
    }

    #error(code) {
      this.dispatchEvent(new CustomEvent(SP_EVENT.Error, {
        bubbles: true, composed: true, detail: { code, retryable: false },
      }));
    }

    // The form is the one source of truth: what it holds now becomes the attributes the wasm
    // reads (before every click, so a React prop change or a page script's edit is what is sent).
    // An attribute the page set that contradicts the form is refused, never silently preferred:
    // false, and the caller reports `config_invalid`.
    #sync(form = spForm(this)) {
      if (!form) return true;
      const values = spFormValues(form);
      for (const name in values) {
        const now = this.getAttribute(name);
        if (now !== null && now !== this.#derived[name] && now !== (values[name] || now)) return false;
      }
      for (const name in values) {
        const now = this.getAttribute(name);
        const value = values[name] || null;
        if (now !== this.#derived[name] && !value) continue;
        this.#derived[name] = value;
        if (now !== value) value === null ? this.removeAttribute(name) : this.setAttribute(name, value);
      }
      return true;
    }

    // A contradiction between the host and its form: no request, a visible reason, an event.
    #refuse() {
      this.#handle?.destroy();
      this.#handle?.free();
      this[SP_FALLBACK](true);
      this.#error(SP_CODE.ConfigInvalid);
    }

    // Before the wasm runs, the first click is kept: busy at once (and announced), its new tab
    // opened now while the click still counts as a gesture, the flow started on mount.
    #hold(button) {
      if (this.#handle || this.#held || button.getAttribute('aria-disabled')) return;
      const newTab = this.getAttribute(SP_ATTR.target) === SP_NEW_TAB || window.top !== window;
      const tab = newTab ? window.open('about:blank', '_blank') : null;
      if (tab) tab.opener = null;
      this.#held = { tab };
      button.dataset.state = SP_STATE.Busy;
      button.setAttribute('aria-busy', 'true');
      button.setAttribute('aria-disabled', 'true');
      this.#root.querySelector('.message').textContent = spText(this)[1];
    }

    // Replays a held click on the mounted button, handing the wasm the tab opened in it.
    #replay() {
      const held = this.#held;
      this.#held = null;
      if (held) this.#handle.replay(held.tab ?? null);
    }

    connectedCallback() {
      spLive.add(this);
      // Properties set before the element was upgraded are own properties; move them onto ours.
      for (const name of ['getRedirectUri', ...SP_ATTRIBUTES.map(spCamel)]) {
        if (Object.prototype.hasOwnProperty.call(this, name)) {
          const value = this[name];
          delete this[name];
          this[name] = value;
        }
      }
      if (this.#handle) return;
      if (!this.#root) {
        // An element the parser created after the definition (streamed HTML) has no children
        // yet: attaching a root now would refuse the declarative one that follows.
        if (!this.shadowRoot && document.readyState == 'loading') {
          document.addEventListener('DOMContentLoaded', () => this.isConnected && this.connectedCallback(), { once: true });
          return;
        }
        // Open, so accessibility tools and tests can audit it; nothing secret is ever in it.
        this.#root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
        spStyle(this.#root);
      }
      if (spPoisoned) {
        this[SP_FALLBACK]();
        return;
      }
      const light = spForm(this);
      this.#form = this.#root.querySelector('form') ?? light;
      this.#light = this.#form === light;
      if (!this.#sync(this.#form)) {
        this.#refuse();
        return;
      }
      if (this.#form) {
        // Until the wasm runs, the form is the button: a click posts it at once, as a plain form
        // would, and shows busy (a new tab, with `target="_blank"`, leaves this page as it is).
        this.#showForm();
        this.#form.addEventListener('submit', () => {
          if (!this.#light) spFill(this.#form, this);
          if (this.#handle || this.#form.target === '_blank') return;
          const button = this.#form.querySelector('button');
          button?.setAttribute('data-state', SP_STATE.Busy);
          button?.setAttribute('aria-busy', 'true');
        });
      } else {
        const button = spView(this.#root, this, false);
        button.addEventListener('click', () => this.#hold(button));
      }
      (this.#form ? spPageSettled().then(spLoadWasm).then(spYield) : spLoadWasm()).then(async () => {
        // Not while the form's button is pressed: swapping it between the press and the release
        // would make the click land on no button (1 of 6 early clicks in `npm run bench`, 4G).
        // The click, and the form's post, come first.
        if (this.#form && this.matches(':active')) {
          await new Promise((done) => addEventListener('pointerup', () => setTimeout(done), { once: true, capture: true }));
        }
        if (!this.isConnected || this.#handle || spPoisoned) return;
        if (!this.#sync()) return this.#refuse();
        if (this.#form) {
          // The wasm's view adopts the same button, drawn in the shadow root (no layout shift);
          // a person who had focused the form's button keeps focus on its successor (A1).
          const focused = this.matches(':focus-within');
          const button = spView(this.#root, this, false);
          // Before the wasm's own listener: the form's values as they are at this click.
          this.#root.addEventListener('click', (e) => { if (!this.#sync()) { e.stopPropagation(); this.#refuse(); } }, true);
          if (focused) button.focus();
        }
        this.#handle = mount(this, this.#root, spHeld.has(this));
        this.#replay();
      }).catch((error) => {
        if (!this.isConnected) return;
        this[SP_FALLBACK]();
        this.#error(error instanceof SpLoadError ? error.code : SP_CODE.WasmUnavailable);
      });
    }

    disconnectedCallback() {
      spLive.delete(this);
      this.#held?.tab?.close();
      this.#held = null;
      const handle = this.#handle;
      this.#handle = null;
      if (handle && !spPoisoned) {
        handle.destroy();
        handle.free();
      }
    }

    attributeChangedCallback() {
      // The wasm redraws the texts in a new locale; their `lang` follows (A7).
      this.#root?.querySelector('.container')?.setAttribute('lang', spText(this)[2]);
      if (!spPoisoned) this.#handle?.refresh(spHeld.has(this));
    }
  }

  for (const attr of SP_ATTRIBUTES) {
    const prop = spCamel(attr);
    Object.defineProperty(SeekPassButton.prototype, prop, SP_FLAGS.has(attr) ? {
      get() { return this.hasAttribute(attr); },
      // A flag however it arrives: React 19 sets `disabled` on a custom element as the property
      // `''` (the attribute's value), which is on (threats.md item 73).
      set(on) { this.toggleAttribute(attr, on === '' || Boolean(on)); },
    } : {
      get() { return this.getAttribute(attr); },
      set(value) {
        // Code that sets an endpoint is the page's own script: it lifts an auto-mount hold.
        if (SP_ALLOWED[attr]) spHeld.delete(this);
        if (value == null) this.removeAttribute(attr); else this.setAttribute(attr, String(value));
      },
    });
  }
  customElements.define(SP_TAG, SeekPassButton);
  // Release builds abort on panic without running a hook: the trap surfaces as an uncaught
  // WebAssembly.RuntimeError, which is ours (the page has no other use for our module).
  document.addEventListener(SP_PANIC_EVENT, spPoison);
  window.addEventListener('error', (e) => { if (e.error instanceof WebAssembly.RuntimeError) spPoison(); });
  return true;
}

// Which endpoints a button upgraded from markup may call (threats.md item 51): sanitisers keep
// `data-*` attributes, so user content could otherwise aim a same-origin POST anywhere. More
// only through `autoMount({ endpoints, statusEndpoints })`, a call from the page's own script.
const SP_ALLOWED = Object.fromEntries(Object.entries(SP_DEFAULT_ENDPOINTS).map(([attr, path]) => [attr, new Set([path])]));
// Upgraded buttons holding back a refused endpoint, with the values they asked for.
const spHeld = new Map();
const spObserved = new WeakSet();

// Turns `<div data-seekpass-button data-endpoint=…>` into a button inside it.
function spUpgrade(host) {
  if (host.hasAttribute('data-seekpass-mounted')) return;
  host.setAttribute('data-seekpass-mounted', '');
  const button = spNew(SP_TAG);
  const held = {};
  for (const { name, value } of Array.from(host.attributes)) {
    const bare = name.startsWith('data-') ? name.slice(5) : '';
    if (!SP_ATTRIBUTES.includes(bare)) continue;
    if (SP_ALLOWED[bare] && !SP_ALLOWED[bare].has(value)) held[bare] = value;
    else button.setAttribute(bare, value);
  }
  if (Object.keys(held).length) {
    // Passed to the wasm at mount and on every refresh (`endpointHeld`), which reports
    // `endpoint_not_allowed`: a visible fallback and no request.
    spHeld.set(button, held);
  }
  host.append(button);
}

function spScan(node) {
  if (node.nodeType !== 1) return;
  if (node.hasAttribute(SP_AUTO_ATTR)) spUpgrade(node);
  for (const el of node.querySelectorAll(`[${SP_AUTO_ATTR}]`)) spUpgrade(el);
}

/**
 * Upgrades every `[data-seekpass-button]` element now and whenever one is added later. Takes a
 * root element, or `{ root, endpoints, statusEndpoints }` to allow more endpoints than
 * `/api/seekpass/add` and `/api/seekpass/status` (buttons already held back are released).
 */
export function spAutoMount(options) {
  const opts = options && options.nodeType ? { root: options } : options ?? {};
  for (const e of opts.endpoints ?? []) SP_ALLOWED[SP_ATTR.endpoint].add(e);
  for (const e of opts.statusEndpoints ?? []) SP_ALLOWED[SP_ATTR.statusEndpoint].add(e);
  for (const [button, held] of spHeld) {
    if (!Object.entries(held).every(([k, v]) => SP_ALLOWED[k].has(v))) continue;
    spHeld.delete(button);
    for (const [k, v] of Object.entries(held)) button.setAttribute(k, v);
  }
  // The getter through its prototype: `<form name="documentElement">` shadows the document's.
  const root = opts.root ?? (typeof document === 'undefined' ? null
    : Object.getOwnPropertyDescriptor(Document.prototype, 'documentElement').get.call(document));
  if (!root || spObserved.has(root)) return;
  spObserved.add(root);
  spScan(root);
  new MutationObserver((records) => {
    for (const r of records) for (const node of r.addedNodes) spScan(node);
  }).observe(root, { childList: true, subtree: true });
}
