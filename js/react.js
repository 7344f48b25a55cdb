'use client';
// `seekpass-button/react`: `<SeekPassButton>`, a client component over the element. On the server
// (and so before hydration) it renders the recommended markup, a working form (`buttonParts`);
// in the browser it defines the element (the wasm loads then) and calls `onReady`, `onClick`,
// `onNavigate`, `onRetry`, `onError`, `onStatus` with the events' typed details, on the first
// server-rendered load as after client navigation. Listeners are attached in a layout effect,
// before the element is defined, so no early event is missed.
import { createElement, useLayoutEffect, useRef } from 'react';
import { buttonParts, treeHtml } from './html.js';

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
    suppressHydrationWarning: true,
    // On the server only, the declarative shadow root with the working form. The HTML parser
    // moves it into the element's shadow root, so the element has no light-DOM children when
    // React hydrates, which is what the browser renders: no children, no HTML string parsed on
    // the client (Trusted Types need no policy, threats.md item 74). A prop change sets the
    // attributes, which the element copies into its form.
    ...(typeof window === 'undefined' && { dangerouslySetInnerHTML: { __html: treeHtml(inner) } }),
  });
}
