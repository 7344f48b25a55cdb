// The button's DOM, the one definition: drawn by the element before the wasm runs (and adopted
// by the wasm's view), and by the wasm-bindgen tests (tests/button.rs imports this file). It
// imports nothing, so wasm-bindgen can copy it alone; names and texts come in as arguments.

/**
 * A new element, through `Document.prototype`: a page's `<img name="createElement">` shadows the
 * document's own methods (DOM clobbering, threats.md item 77). `ns` for SVG.
 */
export function spNew(tag, ns) {
  const proto = Document.prototype;
  return ns ? proto.createElementNS.call(document, ns, tag) : proto.createElement.call(document, tag);
}

function el(tag, className, part) {
  const e = spNew(tag);
  e.className = className;
  if (part) e.setAttribute('part', part);
  return e;
}

/**
 * Replaces `root`'s children with the button: `state` (its `data-state`), `label`, `disabled`,
 * `message` (shown, or `null` for the hidden live region), `mark` (`[d, class]` paths, from
 * Rust's `MARK_PATHS`) and `lang`, the texts' locale. Returns the button.
 */
export function drawView(root, { state, label, disabled, message, mark: paths, lang }) {
  const button = el('button', 'button', 'button');
  button.type = 'button';
  button.dataset.state = state;
  // Focusable when unavailable (accessibility.md A2): aria-disabled, never the native `disabled`.
  if (disabled) button.setAttribute('aria-disabled', 'true');
  const mark = el('span', 'mark');
  mark.setAttribute('aria-hidden', 'true');
  const svgNs = 'http://www.w3.org/2000/svg';
  const svg = spNew('svg', svgNs);
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('focusable', 'false');
  for (const [d, cls] of paths) {
    const path = spNew('path', svgNs);
    path.setAttribute('d', d);
    path.setAttribute('class', cls);
    svg.append(path);
  }
  mark.append(svg);
  const text = el('span', 'label', 'label');
  text.textContent = label;
  const spinner = el('span', 'spinner');
  spinner.setAttribute('aria-hidden', 'true');
  button.append(mark, text, spinner);
  const live = el('p', message == null ? 'message visually-hidden' : 'message', 'message');
  // The message describes the button: after a failure the button says why (A9).
  live.id = 'message';
  button.setAttribute('aria-describedby', live.id);
  live.setAttribute('role', 'status');
  live.setAttribute('aria-live', 'polite');
  if (message != null) live.textContent = message;
  // The popup-blocked fallback: a button whose own click opens SEEK Pass from the wasm, so the
  // link never enters the DOM (threats.md item 65).
  const link = el('button', 'link', 'link');
  link.type = 'button';
  link.hidden = true;
  const container = el('div', 'container', 'container');
  // The texts' own language, not the page's (A7), written left to right on any page (A11).
  if (lang) container.lang = lang;
  container.dir = 'ltr';
  container.append(button, live, link);
  root.replaceChildren(container);
  return button;
}
