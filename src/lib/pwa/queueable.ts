// The submit of a form a phone may queue (log hours, "I can help", yes or no to a proposal): it
// adds a fresh client key and whose it is; without a connection it keeps the post in the outbox
// (outbox.ts) and shows it as "waiting to send" instead of an error. Two ways in: SvelteKit's
// enhanced form (`queueable`) and, on a page without SvelteKit's client, a plain form marked
// `data-queue-label` (`queueOnSubmit`, page-script.ts). Without JavaScript the form posts as
// it always did.
import type { SubmitFunction } from '@sveltejs/kit';
import { put, SYNC_TAG, type OutboxEntry } from './outbox.ts';

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

/** One post as the outbox keeps it, exactly as it would have been sent. */
function entryOf(
	key: string,
	action: URL,
	formData: FormData,
	owner: string,
	label: string,
	inflight = false
): OutboxEntry {
	return {
		key,
		url: action.pathname + action.search,
		fields: [...formData.entries()].filter(
			(field): field is [string, string] => typeof field[1] === 'string'
		),
		label,
		owner,
		createdAt: Date.now(),
		...(inflight ? { inflight } : {})
	};
}

/** Keeps one post in the outbox and tells the page. */
async function keep(
	key: string,
	action: URL,
	formData: FormData,
	owner: string,
	label: string
): Promise<void> {
	await put(entryOf(key, action, formData, owner, label));
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
 * `data-queue-label` (what the list shows). Offline the post is kept instead of sent. Online it is
 * written down first (inflight) and then posted as a plain form with its key: if the answer never
 * comes (cut off on the way), the next page sends it from the outbox (outbox-view.ts).
 */
export function queueOnSubmit(owner: string): (event: SubmitEvent) => void {
	return (event) => {
		const form = event.target;
		if (!(form instanceof HTMLFormElement) || !form.dataset.queueLabel || !owner) return;
		event.preventDefault();
		// Sent once: a second tap while the answer loads does nothing (page-script.ts clears the
		// mark when the page is shown again).
		if (form.dataset.sending !== undefined) return;
		// The form's key stays until the page is loaded anew (after an answer): the same form sent
		// again after a post cut off on the way is the same request, answered once.
		const key =
			form.querySelector<HTMLInputElement>('input[name="clientKey"]')?.value || crypto.randomUUID();
		setField(form, 'clientKey', key);
		setField(form, 'clientOwner', owner);
		const action = new URL(
			event.submitter?.getAttribute('formaction') ?? form.action,
			location.href
		);
		const fields = new FormData(form, event.submitter);
		if (!navigator.onLine) {
			void keep(key, action, fields, owner, form.dataset.queueLabel);
			return;
		}
		// Written down before it leaves; form.submit() sends it without this listener again.
		form.dataset.sending = '';
		void put(entryOf(key, action, fields, owner, form.dataset.queueLabel, true)).then(
			() => form.submit(),
			() => form.submit()
		);
	};
}
