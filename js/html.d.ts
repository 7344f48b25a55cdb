import type { SeekPassButtonOptions } from './index.js';

/** What `renderButtonHtml` takes: the element's options, all optional; `credentialRefs` may be a list or a string. */
export type SeekPassButtonHtmlOptions = Partial<Omit<SeekPassButtonOptions, 'credentialRefs' | 'getRedirectUri'>> & {
  credentialRefs?: string[] | string;
  /** The button's accessible name, when several buttons on a page need telling apart; keep the visible "Add to SEEK Pass" in it (WCAG 2.5.3). */
  ariaLabel?: string;
  /** IDs of elements on the page that describe the button (the credential's title): the element reads their text. */
  ariaDescribedBy?: string;
};

/**
 * The recommended markup: `<seek-pass-button>` around a working `<form>` (contract v1's form
 * mode), so the button works before and without its script and wasm. Values are escaped; no DOM
 * and no wasm are needed (Node, Deno, edge runtimes). The label is in `options.locale` (English
 * by default). Style it with `seekpass-button.css`.
 */
export function renderButtonHtml(options?: SeekPassButtonHtmlOptions): string;
