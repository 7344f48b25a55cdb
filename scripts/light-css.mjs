// The button's stylesheet for the light DOM: js/style.css (the shadow root's) rewritten for the
// markup of `renderButtonHtml`, so the form before the upgrade looks exactly like the button
// after it (layout shift from the upgrade: 0). `:host` becomes `:where(seek-pass-button)` (no
// more specific than `:host`, so a page's own rules for the element still win), each class
// `.x` becomes `.sp-x` inside the element, and the form's parts first revert to the browser's
// own styles, as in the shadow root, whatever the page's stylesheet says about forms and buttons.
const PARTS = ['container', 'button', 'mark', 'label', 'spinner'];

function selector(sel) {
  const s = sel.trim()
    .replace(/:host\(([^)]*\))\)/g, ':where(seek-pass-button)$1)')
    .replace(/:host\(([^)]*)\)/g, ':where(seek-pass-button)$1')
    .replace(/:host/g, ':where(seek-pass-button)')
    .replace(/\.([a-z][a-z-]*)/g, '.sp-$1');
  return s.startsWith(':where(seek-pass-button)') ? s : `seek-pass-button ${s}`;
}

/** `css` (the shadow stylesheet) for the light DOM. */
export function lightCss(css) {
  const flat = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, ' ');
  const reset = `seek-pass-button :is(${PARTS.map((p) => `.sp-${p}`).join(', ')}) { all: revert; }`;
  // Rules inside at-rules (`@media`) are rewritten too; `@keyframes` bodies are kept.
  const out = flat.replace(/(@keyframes[^{]*\{(?:[^{}]*\{[^}]*\})*[^}]*\})|([^{}@]+)\{([^{}]*)\}/g, (m, keyframes, sels, body) => {
    if (keyframes) return keyframes;
    const prefix = sels.match(/^\s*\}?\s*/)[0];
    return `${prefix}${sels.slice(prefix.length).split(',').map(selector).join(', ')} {${body}}`;
  });
  return `${reset}\n${out.trim()}\n`;
}
