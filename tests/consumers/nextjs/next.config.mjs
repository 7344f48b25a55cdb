/** The test app's one setting: its output stays in .next (the e2e starts it with `next start`). */
const config = { reactStrictMode: true };
export default config;
