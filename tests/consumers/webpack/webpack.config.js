// The smallest correct webpack 5 setup: `new URL('…wasm', import.meta.url)` inside the package
// becomes an emitted asset with a hashed name; nothing to configure for it.
export default {
  entry: './src/main.js',
  output: { filename: 'main.js', path: new URL('./dist', import.meta.url).pathname, clean: true },
};
