// The button's DOM, the one definition: drawn by the element before the wasm runs (and adopted
// by the wasm's view), and by the wasm-bindgen tests (tests/button.rs imports this file). It
// imports nothing, so wasm-bindgen can copy it alone; names and texts come in as arguments.

function el(tag, className, part) {
  const e = document.createElement(tag);
  e.className = className;
  if (part) e.setAttribute('part', part);
  return e;
}

const MARK = [['M12 2 4 5v6c0 5 3.4 9.4 8 11 4.6-1.6 8-6 8-11V5l-8-3Z', 'mark-shield'], ['m8 12.5 2.6 2.6L16.2 9.5', 'mark-tick']];

/**
 * Replaces `root`'s children with the button: `state` (its `data-state`), `label`, `disabled`,
 * and `message` (shown, or `null` for the hidden live region). Returns the button.
 */
export function drawView(root, { state, label, disabled, message }) {
  const button = el('button', 'button', 'button');
  button.type = 'button';
  button.dataset.state = state;
  button.disabled = disabled;
  const mark = el('span', 'mark');
  mark.setAttribute('aria-hidden', 'true');
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('focusable', 'false');
  for (const [d, cls] of MARK) {
    const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
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
  live.setAttribute('role', 'status');
  live.setAttribute('aria-live', 'polite');
  if (message != null) live.textContent = message;
  // The popup-blocked fallback: a button whose own click opens SEEK Pass from the wasm, so the
  // link never enters the DOM (threats.md item 65).
  const link = el('button', 'link', 'link');
  link.type = 'button';
  link.hidden = true;
  const container = el('div', 'container', 'container');
  container.append(button, live, link);
  root.replaceChildren(container);
  return button;
}
