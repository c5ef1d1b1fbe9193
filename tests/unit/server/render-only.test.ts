// Render-only data crosses to a browser as nothing (src/hooks.ts), whatever it holds; every other
// value is left to SvelteKit's own serialisation.
import { describe, expect, it } from 'vitest';
import { transport } from '../../../src/hooks.ts';
import { renderOnly } from '../../../src/lib/render-only.ts';

describe('the RenderOnly transport', () => {
	const { encode, decode } = transport.RenderOnly!;

	it('encodes render-only data as an empty list, its rows left behind', () => {
		const wrapped = renderOnly([{ displayName: 'Peter W.', email: 'peter@example.org' }]);
		expect(wrapped.value).toEqual([{ displayName: 'Peter W.', email: 'peter@example.org' }]);
		expect(encode(wrapped)).toEqual([]);
		expect(JSON.stringify(encode(wrapped))).not.toContain('Peter');
	});

	it('leaves everything else to SvelteKit', () => {
		for (const value of [[1, 2], { value: [1] }, 'text', null, new Date(0)])
			expect(encode(value)).toBe(false);
	});

	it('reads as null in a browser that fetched it anyway', () => {
		expect(decode([])).toBeNull();
	});
});
