// The page's rules for the button before its element is defined: js/style.css (the shadow root's
// own stylesheet) rewritten to reach the declarative shadow root of `renderButtonHtml`'s markup
// through `::part()` (each of its elements has its class as its part name), so the form before
// the upgrade looks exactly like the button after it (layout shift from the upgrade: 0).
//
// `:host` becomes `seek-pass-button`, `.x` becomes `::part(x)`, and every rule is scoped to
// `:not(:defined)` inside `:where()`: once the element is defined its adopted stylesheet styles
// the same classes, and an outer `::part()` rule would otherwise win over its state rules (busy,
// disabled). `:where()` keeps a page's own `::part()` rules for the element winning. Selectors a
// part cannot express (attributes of the part, descendants, `:not()`, `::after`) are state rules
// of the upgraded button, and are left out.
const PART = /^\.([a-z][a-z-]*)((?::(?:hover|focus-visible|disabled))*)$/;

function selector(sel) {
  const [, hostArgs = '', rest] = sel.trim().match(/^(?::host(?:\((.*?\]?)\))?)?\s*(.*)$/);
  const host = `:where(seek-pass-button:not(:defined)${hostArgs})`;
  if (!rest) return host;
  const part = rest.match(PART);
  return part ? `${host}::part(${part[1]})${part[2]}` : null;
}

/** `css` (the shadow stylesheet) for the page: the declarative shadow root's parts. */
export function lightCss(css) {
  const flat = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, ' ');
  // Rules inside at-rules (`@media`) are rewritten too; `@keyframes` bodies are kept.
  const out = flat.replace(/(@keyframes[^{]*\{(?:[^{}]*\{[^}]*\})*[^}]*\})|([^{}@]+)\{([^{}]*)\}/g, (m, keyframes, sels, body) => {
    if (keyframes) return keyframes;
    const prefix = sels.match(/^\s*\}?\s*/)[0];
    const kept = sels.slice(prefix.length).split(',').map(selector).filter(Boolean);
    return kept.length ? `${prefix}${kept.join(', ')} {${body}}` : prefix;
  });
  // An at-rule left with no rules inside is dropped.
  return `${out.replace(/@media[^{]*\{\s*\}/g, '').trim()}\n`;
}
