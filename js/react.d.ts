/**
 * `<seek-pass-button>` in React 19's JSX. Type-only: `import type {} from 'seekpass-button/react';`
 * once in your app. React 19 sets a custom element's attributes from props and attaches `on*`
 * props as event listeners, so `onseekpass:error={(e) => e.detail.code}` is typed and works.
 */
import type { HTMLAttributes, Ref } from 'react';
import type { SeekPassButtonAttributes, SeekPassButtonElement, SeekPassEventMap } from './index.js';

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
