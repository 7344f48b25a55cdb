import vue from '@vitejs/plugin-vue';

// The Vue recipe: the tag is a custom element, not a Vue component.
export default {
  base: './',
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag: string) => tag === 'seek-pass-button' } } })],
};
