// Universal hooks: how values that are no plain data cross from the server to the browser.
import type { Transport } from '@sveltejs/kit';
import { RenderOnly } from '$lib/render-only';

export const transport: Transport = {
	// Render-only data (src/lib/render-only.ts) crosses as nothing.
	RenderOnly: {
		encode: (value) => value instanceof RenderOnly && [],
		decode: () => null
	}
};
