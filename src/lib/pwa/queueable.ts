// The submit of a form a phone may queue (log hours, "I can help", yes or no to a proposal): it
// adds a fresh client key and whose it is; without a connection it keeps the post in the outbox
// (outbox.ts) and shows it as "waiting to send" instead of an error. Two ways in: SvelteKit's
// enhanced form (`queueable`) and, on a page without SvelteKit's client, a plain form marked
// `data-queue-label` (`queueOnSubmit`, page-script.ts). Without JavaScript the form posts as
// it always did.
import type { SubmitFunction } from '@sveltejs/kit';
import { put, SYNC_TAG } from './outbox.ts';

/** Tells the page's outbox (outbox-view.ts) that something was queued. */
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

/** Keeps one post in the outbox, as it would have been sent, and tells the page. */
async function keep(
	key: string,
	action: URL,
	formData: FormData,
	owner: string,
	label: string
): Promise<void> {
	await put({
		key,
		url: action.pathname + action.search,
		fields: [...formData.entries()].filter(
			(field): field is [string, string] => typeof field[1] === 'string'
		),
		label,
		owner,
		createdAt: Date.now()
	});
	window.dispatchEvent(new CustomEvent(OUTBOX_CHANGED));
	await requestSync();
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
		const keepIt = () => keep(key, action, formData, owner, label(formData));
		if (!navigator.onLine) {
			cancel();
			void keepIt();
			return;
		}
		return async ({ result, update }) => {
			// A post that never got an answer (the network went away) has no status.
			if (result.type === 'error' && (result.status === undefined || result.status === 0)) {
				await keepIt();
				return;
			}
			await update();
		};
	};
}

/** A hidden field of the form, made or set. */
function setField(form: HTMLFormElement, name: string, value: string): void {
	let input = form.querySelector<HTMLInputElement>(`input[type="hidden"][name="${name}"]`);
	if (!input) {
		input = Object.assign(document.createElement('input'), { type: 'hidden', name });
		form.append(input);
	}
	input.value = value;
}

/**
 * For a page without SvelteKit's client: a submit listener for the plain forms marked
 * `data-queue-label` (what the list shows). Online the form posts as a plain form, with its key;
 * offline the post is kept instead. (A post cut off on the way is the browser's to report here.)
 */
export function queueOnSubmit(owner: string): (event: SubmitEvent) => void {
	return (event) => {
		const form = event.target;
		if (!(form instanceof HTMLFormElement) || !form.dataset.queueLabel || !owner) return;
		// The form's key stays until the page is loaded anew (after an answer): the same form sent
		// again after a post cut off on the way is the same request, answered once.
		const key =
			form.querySelector<HTMLInputElement>('input[name="clientKey"]')?.value || crypto.randomUUID();
		setField(form, 'clientKey', key);
		setField(form, 'clientOwner', owner);
		if (navigator.onLine) return;
		event.preventDefault();
		const action = new URL(
			event.submitter?.getAttribute('formaction') ?? form.action,
			location.href
		);
		void keep(key, action, new FormData(form, event.submitter), owner, form.dataset.queueLabel);
	};
}
