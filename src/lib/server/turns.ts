// Long loops on the server's event loop give other requests a turn every few milliseconds of work,
// whatever the work per step costs (a count of steps gave a batch plan's scoring 30–50 ms stalls).
import { setImmediate as nextTurn } from 'node:timers/promises';

/** A function to await once per step: it yields to the event loop once `sliceMs` have passed. */
export function turnTaker(sliceMs = 5): () => Promise<void> | undefined {
	let since = performance.now();
	return () => {
		if (performance.now() - since < sliceMs) return undefined;
		return nextTurn().then(() => {
			since = performance.now();
		});
	};
}
