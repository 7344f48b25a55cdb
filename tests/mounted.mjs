// For the WebDriver suites (Firefox, WebKit): whether `<seek-pass-button>` number `n` has mounted
// its wasm, run in the page with `driver.executeScript(isMounted, n)`. Mounted means the shadow
// root holds the wasm's view: the form's own button (also idle, also in the shadow root) is
// replaced at the upgrade, which waits for the page to load, so a node found before it would be
// gone by the click.
export function isMounted(n) {
  const root = document.querySelectorAll('seek-pass-button')[n]?.shadowRoot;
  return Boolean(root && !root.querySelector('form') && root.querySelector('button')?.dataset.state === 'idle');
}
