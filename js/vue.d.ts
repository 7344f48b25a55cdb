/**
 * `<seek-pass-button>` in Vue 3 templates (vue-tsc, Volar). Type-only:
 * `import type {} from 'seekpass-button/vue';` once in your app, and tell the compiler it is a
 * custom element: `compilerOptions: { isCustomElement: (tag) => tag === 'seek-pass-button' }`.
 * Props are camelCase here (templates may write either case); vue-tsc types static attribute
 * values as `string`, so enumerated values are checked only when bound.
 */
import type { DefineComponent } from 'vue';
import type { SeekPassButtonAttributes, SeekPassEventMap } from './index.js';

type Camel<S extends string> = S extends `${infer A}-${infer B}` ? `${A}${Capitalize<Camel<B>>}` : S;
type Widen<T> = T extends string ? string : T;

/** The props of `<seek-pass-button>` in a Vue template. */
export type SeekPassButtonVueProps = {
  [K in keyof SeekPassButtonAttributes as Camel<K & string>]?: Widen<SeekPassButtonAttributes[K]>;
};

type SeekPassEmits = {
  [K in keyof SeekPassEventMap]: (event: SeekPassEventMap[K]) => void;
};

declare module 'vue' {
  interface GlobalComponents {
    'seek-pass-button': DefineComponent<SeekPassButtonVueProps, {}, {}, {}, {}, {}, {}, SeekPassEmits>;
  }
}

export {};
