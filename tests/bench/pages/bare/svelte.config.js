// The bare SvelteKit app of `npm run bench -- pages`: one route, adapter-node, the same installed
// Kit and Svelte as the app. The bench copies this folder to a scratch folder and builds it there.
import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
export default { kit: { adapter: adapter() } };
