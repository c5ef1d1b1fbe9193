// The live sessions this server has looked up in the last few seconds, so a person's next
// requests skip the session lookup (one of the two round trips of a signed-in page; measured in
// README → Benchmarks → Session 18). Only what the database said about a live session is kept,
// for at most `seconds`; whatever ends a session through this server (sign-out, sign-out
// everywhere, a new sign-in in that browser, a deleted account) forgets it once the database has
// it, and a lookup still under way then is not kept (`mark`). Ended elsewhere (another instance,
// an expiry) a session can serve this server for up to `seconds` more: the same bound as any
// cached authorisation, far below a Supabase access token's hour.
import type { SignedInPerson } from './port.ts';

export interface SessionCache {
	/** The person of a session looked up within the last `seconds`, else undefined. */
	get(tokenHash: string): SignedInPerson | undefined;
	/** A mark to pass to keep: taken before a lookup, so a forget during it wins. */
	mark(): number;
	/** Keeps a lookup's answer unless anything was forgotten since `mark`. */
	keep(tokenHash: string, person: SignedInPerson, mark: number): void;
	forgetToken(tokenHash: string): void;
	/** Every kept session of the person (sign-out everywhere, an account deleted). */
	forgetPerson(personId: string): void;
}

/** Enough for every person active on one instance at once; the oldest go first beyond it. */
const MAX_KEPT = 10_000;

export function sessionCache(
	seconds: number,
	{ max = MAX_KEPT, now = Date.now }: { max?: number; now?: () => number } = {}
): SessionCache {
	const kept = new Map<string, { person: SignedInPerson; until: number }>();
	// Forgets so far: a lookup that overlapped one may have read what has just ended.
	let forgets = 0;
	return {
		get(tokenHash) {
			const entry = kept.get(tokenHash);
			if (!entry) return undefined;
			if (entry.until > now()) return entry.person;
			kept.delete(tokenHash);
			return undefined;
		},
		mark: () => forgets,
		keep(tokenHash, person, mark) {
			if (!(seconds > 0) || mark !== forgets) return;
			kept.delete(tokenHash);
			// A Map keeps insertion order: its first key is the oldest.
			while (kept.size >= max) kept.delete(kept.keys().next().value!);
			kept.set(tokenHash, { person, until: now() + seconds * 1000 });
		},
		forgetToken(tokenHash) {
			forgets += 1;
			kept.delete(tokenHash);
		},
		forgetPerson(personId) {
			forgets += 1;
			for (const [hash, entry] of kept) if (entry.person.id === personId) kept.delete(hash);
		}
	};
}
