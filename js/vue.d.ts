/**
 * `<seek-pass-button>` in Vue 3 templates (vue-tsc, Volar). Type-only:
 * `import type {} from 'seekpass-button/vue';` once in your app, and tell the compiler it is a
 * custom element: `compilerOptions: { isCustomElement: (tag) => tag === 'seek-pass-button' }`.
 */
import type { DefineComponent } from 'vue';
import type { SeekPassButtonAttributes, SeekPassEventMap } from './index.js';

type SeekPassEmits = {
  [K in keyof SeekPassEventMap]: (event: SeekPassEventMap[K]) => void;
};

declare module 'vue' {
  interface GlobalComponents {
    'seek-pass-button': DefineComponent<SeekPassButtonAttributes, {}, {}, {}, {}, {}, {}, SeekPassEmits>;
  }
}

export {};
