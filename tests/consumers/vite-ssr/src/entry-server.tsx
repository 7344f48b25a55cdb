// Runs in Node: imports the package (no browser globals touched) and renders the page.
import { defineSeekPassButton, version } from 'seekpass-button';
import { renderToString } from 'react-dom/server';
import { App } from './App';

export function render(): { html: string; defined: boolean; version: string } {
  return { html: renderToString(<App reference="grad-2024-0042" />), defined: defineSeekPassButton(), version };
}
