// The actions that wait to be sent (outbox.ts), drawn into a polite live region, and sending
// them: when the page starts, when the browser is online again, and after the service worker's
// background sync. An expired session asks the person to sign in; back on a page, the queue goes.
// Framework-free, so the pages without SvelteKit's client (page-script.ts) run the same code as
// the others (Outbox.svelte). Drawn with DOM nodes and text only: a label is never markup.
import { m } from '$lib/paraglide/messages.js';
import {
	clear,
	entries,
	put,
	refusalMessage,
	remove,
	sendAll,
	type OutboxEntry
} from './outbox.ts';
import { isSessionEnd } from './offline.ts';
import { OUTBOX_CHANGED } from './queueable.ts';

export interface OutboxOptions {
	/** The signed-in person's id, or null. */
	person: string | null;
	/** After something was sent: the page's data anew (SvelteKit's invalidateAll), or nothing. */
	afterSend: () => Promise<void>;
}

export interface OutboxView {
	/** Who is signed in now (signing in again leads back without loading the page anew). */
	setPerson(person: string | null): void;
	stop(): void;
}

/** An element with text (or nodes) inside; attributes as given. */
function el(tag: string, attributes: Record<string, string>, ...children: (string | Node)[]) {
	const node = document.createElement(tag);
	for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
	node.append(...children);
	return node;
}

/**
 * Makes `into` show what `from` shows, keeping every node that stays the same: a screen reader
 * hears what changed in the live region, not the whole list again.
 */
function patch(into: Element, from: Element): void {
	for (const { name } of [...into.attributes])
		if (!from.hasAttribute(name)) into.removeAttribute(name);
	for (const { name, value } of from.attributes) into.setAttribute(name, value);
	const next = [...from.childNodes];
	next.forEach((node, i) => {
		const old = into.childNodes[i];
		if (!old) into.append(node);
		else if (old.isEqualNode(node)) return;
		else if (old instanceof Element && node instanceof Element && old.tagName === node.tagName)
			patch(old, node);
		else old.replaceWith(node);
	});
	while (into.childNodes.length > next.length) into.lastChild!.remove();
}

/** Back to this page after signing in, where the queue is sent (not to the sign-in page itself). */
const signInHref = () =>
	location.pathname.startsWith('/sign-in')
		? '/sign-in'
		: `/sign-in?next=${encodeURIComponent(location.pathname)}`;

export function startOutbox(root: HTMLElement, options: OutboxOptions): OutboxView {
	let person = options.person;
	let waiting: OutboxEntry[] = [];
	const refusals: string[] = [];
	// Page and worker may both send (the worker by background sync): each action counts once.
	const sentKeys = new Set<string>();
	let sending = false;
	let signIn = false;

	// Drawn anew on every refresh; patch keeps what did not change (a screen reader hears it once).
	function draw() {
		const href = signInHref();
		if (!waiting.length && !refusals.length && !sentKeys.size) return root.replaceChildren();
		const section = el('section', { class: 'queue', 'aria-label': m.queue_title() });
		if (waiting.length) {
			const count = waiting.length;
			const head = el(
				'p',
				{},
				el('strong', {}, sending ? m.queue_sending() : m.queue_waiting({ count }))
			);
			if (!signIn) head.append(' ', m.queue_hint());
			section.append(head, el('ul', {}, ...waiting.map((e) => el('li', {}, e.label))));
			if (signIn)
				section.append(
					el('p', {}, m.queue_sign_in(), ' ', el('a', { href }, m.queue_sign_in_link()))
				);
		} else if (sentKeys.size) section.append(el('p', {}, m.queue_sent({ count: sentKeys.size })));
		for (const refusal of refusals) section.append(el('p', { class: 'refused' }, refusal));
		const drawnSection = root.firstElementChild;
		if (drawnSection) patch(drawnSection, section);
		else root.append(section);
	}

	function counted(keys: unknown) {
		if (Array.isArray(keys)) for (const key of keys) if (typeof key === 'string') sentKeys.add(key);
	}

	/**
	 * A plain form's own post (inflight): answered if this page names its key (`data-answered`,
	 * the server's answer to it); otherwise no answer came, and it waits to be sent like one kept
	 * offline (the same key: the server writes it once either way).
	 */
	async function settle() {
		for (const entry of await entries()) {
			if (!entry.inflight) continue;
			if (entry.key === root.dataset.answered) await remove(entry.key);
			else await put({ ...entry, inflight: false });
		}
	}

	async function refresh() {
		const all = (await entries()).filter((e) => !e.inflight);
		for (const entry of all.filter((e) => e.refused)) {
			await remove(entry.key);
			// Another person's entry (saved before their session ended) is dropped unseen.
			if (entry.owner === person)
				refusals.push(
					m.queue_refused({
						what: entry.label,
						reason: refusalMessage(entry.refused!) ?? m.error_code_not_allowed()
					})
				);
		}
		waiting = all.filter((e) => !e.refused && (person === null || e.owner === person));
		draw();
	}

	async function flush() {
		if (sending || !navigator.onLine) return refresh();
		sending = true;
		draw();
		try {
			const pending = (await entries()).filter((e) => !e.inflight);
			if (pending.length === 0) return;
			if (!person) {
				signIn = true;
				return;
			}
			const outcome = await sendAll(location.origin, person);
			signIn = outcome.stopped === 'sign-in';
			if (outcome.sent > 0) {
				counted(outcome.keys);
				await options.afterSend();
			}
		} finally {
			sending = false;
			await refresh();
		}
	}

	const flushSoon = () => void flush();
	const refreshSoon = () => void refresh();
	// Signing out and deleting the account empty the queue (the worker does too, where there is one).
	const signingOut = (event: SubmitEvent) => {
		const form = event.target as HTMLFormElement | null;
		if (form && isSessionEnd(new URL(form.action, location.href))) void clear();
	};
	const fromWorker = (event: MessageEvent) => {
		if (event.data?.type !== 'OUTBOX_SENT') return;
		counted(event.data.keys);
		void options.afterSend().then(refresh);
	};

	if (!('indexedDB' in window)) return { setPerson: () => undefined, stop: () => undefined };
	window.addEventListener('online', flushSoon);
	window.addEventListener(OUTBOX_CHANGED, refreshSoon);
	document.addEventListener('submit', signingOut, true);
	navigator.serviceWorker?.addEventListener('message', fromWorker);
	void settle().then(flush, flush);
	return {
		setPerson(next) {
			if (next === person) return;
			person = next;
			flushSoon();
		},
		stop() {
			window.removeEventListener('online', flushSoon);
			window.removeEventListener(OUTBOX_CHANGED, refreshSoon);
			document.removeEventListener('submit', signingOut, true);
			navigator.serviceWorker?.removeEventListener('message', fromWorker);
		}
	};
}
