// The enhanced submit of a form a phone may queue (log hours, "I can help", yes or no to a
// proposal): it adds a fresh client key and whose it is; without a connection (offline, or the
// post never reached the server) it keeps the post in the outbox (outbox.ts) and shows it as
// "waiting to send" instead of an error. Without JavaScript the form posts as it always did.
import type { SubmitFunction } from '@sveltejs/kit';
import { put, SYNC_TAG } from './outbox.ts';

/** Tells the page's outbox (Outbox.svelte) that something was queued. */
export const OUTBOX_CHANGED = 'zs-outbox-changed';

/** Asks the service worker for a background sync, where the browser has it (Chromium). */
async function requestSync(): Promise<void> {
	try {
		const registration = await navigator.serviceWorker?.getRegistration();
		const sync = (registration as { sync?: { register(tag: string): Promise<void> } } | undefined)
			?.sync;
		await sync?.register(SYNC_TAG);
	} catch {
		// No background sync: the page sends the queue on its next start or "online" event.
	}
}

/**
 * `use:enhance={queueable(owner, (form) => label)}`. `owner`: the signed-in person's id;
 * `label`: what the list of waiting actions shows for this post.
 */
export function queueable(owner: string, label: (form: FormData) => string): SubmitFunction {
	return ({ formData, action, cancel }) => {
		const key = crypto.randomUUID();
		formData.set('clientKey', key);
		formData.set('clientOwner', owner);
		const keep = async () => {
			await put({
				key,
				url: action.pathname + action.search,
				fields: [...formData.entries()].filter(
					(field): field is [string, string] => typeof field[1] === 'string'
				),
				label: label(formData),
				owner,
				createdAt: Date.now()
			});
			window.dispatchEvent(new CustomEvent(OUTBOX_CHANGED));
			await requestSync();
		};
		if (!navigator.onLine) {
			cancel();
			void keep();
			return;
		}
		return async ({ result, update }) => {
			// A post that never got an answer (the network went away) has no status.
			if (result.type === 'error' && (result.status === undefined || result.status === 0)) {
				await keep();
				return;
			}
			await update();
		};
	};
}
