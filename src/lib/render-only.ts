// Data a page without SvelteKit's client (`csr = false`) renders on the server and never sends:
// Kit 2.70 still serialises every load's data for the client it will not load (devalue over the
// whole list, per request: a sixth of the app's CPU on the helper's list). Wrapped in RenderOnly,
// the walk stops at the wrapper: src/hooks.ts encodes it as nothing, and a browser that fetches
// the data anyway (a link preloaded on hover) reads null, never the rows.
export class RenderOnly<T> {
	readonly value: T;
	constructor(value: T) {
		this.value = value;
	}
}

export const renderOnly = <T>(value: T): RenderOnly<T> => new RenderOnly(value);
