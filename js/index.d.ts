/** Types of the `seekpass-button` package: the `<seek-pass-button>` element, its options and events. */

/** The package version. */
export declare const version: string;

/** Defines `<seek-pass-button>` (once per page). Returns false if it was already defined. Safe to call during SSR. */
export declare function defineSeekPassButton(): boolean;

/** Bytes of WebAssembly memory the shared instance uses (0 before the first mount). Diagnostics only. */
export declare function memoryBytes(): number;

/** Options of {@link autoMount}. */
export interface AutoMountOptions {
  /** Where to look (default: the whole document). */
  root?: Element;
  /** More endpoints a `[data-seekpass-button]` element may call than `/api/seekpass/add`. */
  endpoints?: string[];
  /** More status endpoints than `/api/seekpass/status`. */
  statusEndpoints?: string[];
}

/**
 * Upgrades every `[data-seekpass-button]` element under `root`, now and when added later. Such
 * elements may use only the endpoints the page's script allows (see {@link AutoMountOptions}).
 */
export declare function autoMount(rootOrOptions?: Element | AutoMountOptions): void;

// <generated credential-types>
/** Credential types the button can add. */
export type SeekPassCredentialType =
  | 'education'
  | 'english_proficiency'
  | 'microcredential'
  | 'digital_identity'
  | 'batch'
  | 'batch_microcredential';
// </generated>

/** `production` (default), `staging`, or a loopback origin such as `http://127.0.0.1:8080`. */
export type SeekPassEnvironment = 'production' | 'staging' | `http://127.0.0.1:${number}` | `http://localhost:${number}`;

// <generated error-codes>
/** Every error code a button reports. */
export type SeekPassErrorCode =
  | 'config_invalid'
  | 'wasm_unavailable'
  | 'offline'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'rate_limited'
  | 'server_unavailable'
  | 'not_authenticated'
  | 'forbidden'
  | 'rejected'
  | 'invalid_response'
  | 'redirect_rejected'
  | 'popup_blocked'
  | 'integrity_failed'
  | 'internal';
// </generated>

// <generated attributes>
/** The element's attributes, as written in markup and JSX (kebab-case). */
export interface SeekPassButtonAttributes {
  /** Same-origin path of the partner proxy, e.g. `/api/seekpass/add`. */
  endpoint?: string;
  'credential-type': SeekPassCredentialType;
  /** Opaque reference the proxy looks up; never personal data. */
  'credential-ref'?: string;
  /** Batch types: references separated by spaces or commas. */
  'credential-refs'?: string;
  environment?: SeekPassEnvironment;
  variant?: 'accent' | 'dark' | 'light';
  size?: 'small' | 'medium' | 'large';
  'full-width'?: boolean;
  /** `en`, `id`, `th`, `ms` or `zh-HK`; others fall back to `en`; defaults to the page's `lang`. */
  locale?: string;
  target?: 'self' | 'new-tab';
  disabled?: boolean;
  debug?: boolean;
  /** The partner's public OAuth client id; redirects for another client are refused. */
  'client-id'?: string;
  /** Same-origin path of the proxy's status endpoint, e.g. `/api/seekpass/status`: asked on mount and when the page is shown again; `verified` shows "View in SEEK Pass". */
  'status-endpoint'?: string;
}
// </generated>

// <generated events>
/** Every `seekpass:*` event and its detail. */
export interface SeekPassEventMap {
  'seekpass:ready': CustomEvent<SeekPassReadyDetail>;
  'seekpass:click': CustomEvent<SeekPassClickDetail>;
  'seekpass:navigate': CustomEvent<SeekPassNavigateDetail>;
  'seekpass:retry': CustomEvent<SeekPassRetryDetail>;
  'seekpass:error': CustomEvent<SeekPassErrorDetail>;
  'seekpass:status': CustomEvent<SeekPassStatusDetail>;
}
// </generated>

// <generated properties>
/** Each attribute as a property of the element (camelCase; `null` when absent). */
export interface SeekPassButtonProperties {
  /** Same-origin path of the partner proxy, e.g. `/api/seekpass/add`. */
  endpoint: string | null;
  credentialType: SeekPassCredentialType | null;
  /** Opaque reference the proxy looks up; never personal data. */
  credentialRef: string | null;
  /** Batch types: references separated by spaces or commas. */
  credentialRefs: string | null;
  environment: SeekPassEnvironment | null;
  variant: 'accent' | 'dark' | 'light' | null;
  size: 'small' | 'medium' | 'large' | null;
  fullWidth: boolean;
  /** `en`, `id`, `th`, `ms` or `zh-HK`; others fall back to `en`; defaults to the page's `lang`. */
  locale: string | null;
  target: 'self' | 'new-tab' | null;
  disabled: boolean;
  debug: boolean;
  /** The partner's public OAuth client id; redirects for another client are refused. */
  clientId: string | null;
  /** Same-origin path of the proxy's status endpoint, e.g. `/api/seekpass/status`: asked on mount and when the page is shown again; `verified` shows "View in SEEK Pass". */
  statusEndpoint: string | null;
}
// </generated>

/** Options, as properties of the element (attributes use kebab-case). */
export interface SeekPassButtonOptions extends Omit<SeekPassButtonProperties, 'credentialRefs'> {
  /** Batch types: the references, as a list. */
  credentialRefs?: string[];
  /** Run your own handshake instead of `endpoint`; the result goes through the same redirect gate. */
  getRedirectUri?: () => Promise<string>;
}

/** The `<seek-pass-button>` element. */
export interface SeekPassButtonElement extends HTMLElement, SeekPassButtonOptions {}

/** `seekpass:ready` detail. */
export interface SeekPassReadyDetail { version: string }
/** `seekpass:click` detail (the event is cancelable). */
export interface SeekPassClickDetail { credentialType: SeekPassCredentialType }
/** `seekpass:navigate` detail. */
export interface SeekPassNavigateDetail { credentialType: SeekPassCredentialType }
/** `seekpass:retry` detail. */
export interface SeekPassRetryDetail { attempt: number }
/** A submission status; values SEEK Pass adds later arrive as `unknown`. */
export type SeekPassSubmissionStatus = 'verified' | 'canceled' | 'incomplete' | 'not_submitted' | 'unknown';
/** `seekpass:status` detail: the status endpoint's answer (no reference, no URL). */
export interface SeekPassStatusDetail { credentialType: SeekPassCredentialType; status: SeekPassSubmissionStatus }
/** `seekpass:error` detail; never contains a URL, server text or personal data. */
export interface SeekPassErrorDetail {
  code: SeekPassErrorCode;
  retryable: boolean;
  /** For `rate_limited`: seconds before the button accepts clicks again. */
  retryAfterSeconds?: number;
  /** For `redirect_rejected`: which rule of the redirect gate failed. */
  reason?: string;
}

declare global {
  interface HTMLElementTagNameMap {
    'seek-pass-button': SeekPassButtonElement;
  }
  interface HTMLElementEventMap extends SeekPassEventMap {}
}
