/**
 * React 19: `SeekPassButton`, a client component (`'use client'`) that renders the plain-HTML form
 * on the server and upgrades in the browser, with typed callbacks; and, for those who prefer it,
 * `<seek-pass-button>` typed in JSX (React 19 attaches `on*` props as event listeners).
 */
import type { CSSProperties, HTMLAttributes, JSX as ReactJSX, Ref } from 'react';
import type {
  SeekPassButtonAttributes, SeekPassButtonElement, SeekPassButtonOptions, SeekPassClickDetail, SeekPassErrorDetail,
  SeekPassEventMap, SeekPassNavigateDetail, SeekPassReadyDetail, SeekPassRetryDetail, SeekPassStatusDetail,
} from './index.js';

/** `SeekPassButton`'s props: the element's options in camelCase, and callbacks with the events' details. */
export interface SeekPassButtonComponentProps
  extends Partial<Omit<SeekPassButtonOptions, 'credentialRefs' | 'getRedirectUri' | 'credentialType'>> {
  credentialType: NonNullable<SeekPassButtonOptions['credentialType']>;
  /** Batch types: the references, as a list. */
  credentialRefs?: string[];
  /** The button's accessible name, when several buttons on a page need telling apart; keep the visible "Add to SEEK Pass" in it (WCAG 2.5.3). */
  ariaLabel?: string;
  /** IDs of elements on the page that describe the button (the credential's title). */
  ariaDescribedBy?: string;
  id?: string;
  className?: string;
  style?: CSSProperties;
  onReady?: (detail: SeekPassReadyDetail, event: CustomEvent<SeekPassReadyDetail>) => void;
  onClick?: (detail: SeekPassClickDetail, event: CustomEvent<SeekPassClickDetail>) => void;
  onNavigate?: (detail: SeekPassNavigateDetail, event: CustomEvent<SeekPassNavigateDetail>) => void;
  onRetry?: (detail: SeekPassRetryDetail, event: CustomEvent<SeekPassRetryDetail>) => void;
  onError?: (detail: SeekPassErrorDetail, event: CustomEvent<SeekPassErrorDetail>) => void;
  onStatus?: (detail: SeekPassStatusDetail, event: CustomEvent<SeekPassStatusDetail>) => void;
}

/**
 * The Add to SEEK Pass button. On the server (a server component, SSR) it renders the working
 * form, clickable before hydration; in the browser it loads the element and its wasm.
 */
export function SeekPassButton(props: SeekPassButtonComponentProps): ReactJSX.Element;

type SeekPassEventProps = {
  [K in keyof SeekPassEventMap as `on${K}`]?: (event: SeekPassEventMap[K]) => void;
};

/** The props of `<seek-pass-button>` in JSX. */
export type SeekPassButtonProps = SeekPassButtonAttributes &
  SeekPassEventProps &
  Omit<HTMLAttributes<SeekPassButtonElement>, keyof SeekPassButtonAttributes | 'children'> & {
    ref?: Ref<SeekPassButtonElement>;
  };

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'seek-pass-button': SeekPassButtonProps;
    }
  }
}
