// Actions done without a connection — log hours, "I can help", yes or no to a proposal — wait
// here, in the browser's IndexedDB, until they can be sent. Shared by the page (which queues,
// shows them as "waiting to send" and sends them on start and when the browser is online again)
// and the service worker (which sends them on a background sync, where the browser has one).
// Each carries the key the phone made up for it (clientKey): the server answers a repeat with its
// first answer and writes nothing twice, so sending from page and worker at once is harmless.
// Emptied on sign-out and when the account is deleted; an entry is only ever sent for the person who saved it (clientOwner,
// checked by the server).

import { parse } from 'devalue';

/** One queued form post, exactly as the enhanced form would have sent it. */
export interface OutboxEntry {
	/** The client key (a UUID), also in `fields`. */
	key: string;
	/** The form action, path and query (e.g. "/hours?/log"). */
	url: string;
	fields: [string, string][];
	/** What the person sees in the list, in the language they used. */
	label: string;
	/** Who saved it (their person id, also in `fields` as clientOwner). */
	owner: string;
	createdAt: number;
	/** Sent and refused by the server (e.g. the match ended meanwhile): the answer, for the page. */
	refused?: string;
	/**
	 * Posted by a plain form itself (queueOnSubmit): kept in case no answer comes (the post cut
	 * off on the way). The next page either names it as answered or it waits (outbox-view.ts).
	 */
	inflight?: boolean;
}

/** How sending one entry went. */
export type Outcome =
	| { kind: 'sent' }
	| { kind: 'refused'; answer: string }
	| { kind: 'sign-in' }
	| { kind: 'offline' }
	| { kind: 'later' };

const DB = 'zeitspende-outbox';
const STORE = 'requests';

/** The tag of the background sync that sends the queue. */
export const SYNC_TAG = 'zs-outbox';

/** The forms a phone may queue: the action's path and name. */
export const QUEUEABLE = ['/hours?/log', '/needs?/help', '/matches?/accept', '/matches?/decline'];

export const isQueueable = (url: URL): boolean =>
	QUEUEABLE.includes(url.pathname + url.search) ||
	/^\/needs\/[0-9a-f-]{36}\?\/help$/i.test(url.pathname + url.search);

function open(): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const request = indexedDB.open(DB, 1);
		request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'key' });
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
	});
}

async function run<T>(
	mode: IDBTransactionMode,
	work: (store: IDBObjectStore) => IDBRequest<T>
): Promise<T> {
	const db = await open();
	try {
		return await new Promise<T>((resolve, reject) => {
			const tx = db.transaction(STORE, mode);
			const request = work(tx.objectStore(STORE));
			tx.oncomplete = () => resolve(request.result);
			tx.onerror = () => reject(tx.error);
			tx.onabort = () => reject(tx.error);
		});
	} finally {
		db.close();
	}
}

/** Everything waiting, oldest first. */
export async function entries(): Promise<OutboxEntry[]> {
	const all = await run<OutboxEntry[]>('readonly', (s) => s.getAll());
	return all.sort((a, b) => a.createdAt - b.createdAt);
}

export const put = (entry: OutboxEntry) => run('readwrite', (s) => s.put(entry));
export const remove = (key: string) => run('readwrite', (s) => s.delete(key));
/** Sign-out, account deleted: nothing of this person stays on the device. */
export const clear = () => run('readwrite', (s) => s.clear());

/**
 * Posts one entry as SvelteKit's enhanced form does. Not followed, a redirect means the session
 * has expired (the signed-in pages send a person without one to the sign-in page).
 */
export async function send(entry: OutboxEntry, origin: string): Promise<Outcome> {
	const body = new FormData();
	for (const [name, value] of entry.fields) body.append(name, value);
	let response: Response;
	try {
		response = await fetch(new URL(entry.url, origin), {
			method: 'POST',
			body,
			headers: { accept: 'application/json', 'x-sveltekit-action': 'true' },
			credentials: 'same-origin',
			redirect: 'manual'
		});
	} catch {
		return { kind: 'offline' };
	}
	// A browser hides a redirect it was told not to follow (opaqueredirect, status 0).
	const redirected =
		response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400);
	if (redirected || response.status === 401) return { kind: 'sign-in' };
	if (response.status >= 500) return { kind: 'later' };
	const text = await response.text();
	let type: unknown;
	try {
		({ type } = JSON.parse(text) as { type?: unknown });
	} catch {
		return { kind: 'later' };
	}
	if (type === 'success') return { kind: 'sent' };
	if (type === 'redirect') return { kind: 'sign-in' };
	if (type === 'failure') {
		const { status } = JSON.parse(text) as { status?: number };
		return status === 401 ? { kind: 'sign-in' } : { kind: 'refused', answer: text };
	}
	return { kind: 'later' };
}

/**
 * The message of a refusal (SvelteKit's answer to an action: `data` in devalue's form), as the
 * form would have shown it; null when the answer carries none.
 */
export function refusalMessage(answer: string): string | null {
	try {
		const result = JSON.parse(answer) as { type?: unknown; data?: unknown };
		if (result.type !== 'failure' || typeof result.data !== 'string') return null;
		const error = (parse(result.data) as { error?: unknown } | null)?.error;
		return typeof error === 'string' ? error : null;
	} catch {
		return null;
	}
}

/**
 * Sends what waits, oldest first, until one cannot go (offline, signed out). `owner`: only the
 * signed-in person's entries are sent (the page knows who that is; the worker does not and sends
 * all — the server refuses another person's). Returns how it went, entries sent and refused.
 */
export async function sendAll(
	origin: string,
	owner: string | null
): Promise<{ sent: number; keys: string[]; stopped: Outcome['kind'] | null }> {
	// The keys sent, so that a page counting what the worker sent too counts each action once.
	const keys: string[] = [];
	for (const entry of await entries()) {
		if (entry.refused || entry.inflight || (owner !== null && entry.owner !== owner)) continue;
		const outcome = await send(entry, origin);
		if (outcome.kind === 'sent') {
			await remove(entry.key);
			keys.push(entry.key);
		} else if (outcome.kind === 'refused') {
			await put({ ...entry, refused: outcome.answer });
		} else {
			return { sent: keys.length, keys, stopped: outcome.kind };
		}
	}
	return { sent: keys.length, keys, stopped: null };
}
