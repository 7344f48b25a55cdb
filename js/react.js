'use client';
// `seekpass-button/react`: `<SeekPassButton>`, a client component over the element. On the server
// (and so before hydration) it renders the recommended markup, a working form (`buttonParts`);
// in the browser it defines the element (the wasm loads then) and calls `onReady`, `onClick`,
// `onNavigate`, `onRetry`, `onError`, `onStatus` with the events' typed details, on the first
// server-rendered load as after client navigation. Listeners are attached in a layout effect,
// before the element is defined, so no early event is missed.
import { createElement, useLayoutEffect, useRef } from 'react';
import { buttonParts } from './html.js';

const CALLBACKS = {
  onReady: 'seekpass:ready', onClick: 'seekpass:click', onNavigate: 'seekpass:navigate',
  onRetry: 'seekpass:retry', onError: 'seekpass:error', onStatus: 'seekpass:status',
};
const OWN = new Set([...Object.keys(CALLBACKS), 'className', 'id', 'style']);

/** The Add to SEEK Pass button for React 19 (server components included: no callbacks there). */
export function SeekPassButton(props) {
  const ref = useRef(null);
  // The latest callbacks, read at event time: changing one never re-attaches or re-mounts.
  const latest = useRef(props);
  latest.current = props;
  useLayoutEffect(() => {
    const el = ref.current;
    const offs = Object.entries(CALLBACKS).map(([prop, type]) => {
      const listener = (event) => latest.current[prop]?.(event.detail, event);
      el.addEventListener(type, listener);
      return () => el.removeEventListener(type, listener);
    });
    import('./index.js').then(({ defineSeekPassButton }) => defineSeekPassButton());
    return () => offs.forEach((off) => off());
  }, []);
  const options = Object.fromEntries(Object.entries(props).filter(([k]) => !OWN.has(k)));
  const { host, inner } = buttonParts(options);
  return createElement('seek-pass-button', {
    ...Object.fromEntries(host),
    ref,
    id: props.id,
    class: props.className,
    style: props.style,
    // The element writes the attributes it takes from the form when it upgrades.
    suppressHydrationWarning: true,
  }, element(inner));
}

// The form as React elements, not an HTML string: nothing is parsed on the client, so the page's
// Trusted Types policy (`trusted-types 'none'`) has nothing to refuse (threats.md item 74), and a
// prop change updates the fields in place, which the element reads at the click.
function element(node) {
  if (typeof node === 'string') return node;
  const [tag, attrs, ...children] = node;
  const { class: className, ...rest } = attrs;
  return createElement(tag, { className, ...rest }, ...children.map(element));
}
