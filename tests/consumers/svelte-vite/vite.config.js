import { svelte } from '@sveltejs/vite-plugin-svelte';

// Relative asset URLs, so the built app works under any path (the test serves it at /apps/...).
export default { base: './', plugins: [svelte()] };
