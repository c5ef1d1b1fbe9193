// Every query made for a person runs in a transaction under their claims and the
// `authenticated` role, so row-level security decides what they see and change — the same on
// PGlite, PostgreSQL and Supabase.
import pg from 'pg';
import { withLiterals } from './literals.ts';
import type { Claims, Queryable } from './types.ts';

export type Tx = Queryable;

/**
 * How long a person's statement may run and wait for a lock before PostgreSQL stops it (codes
 * 57014 and 55P03; the request answers 503, src/lib/server/http/busy.ts). A guard against a
 * statement that hangs, holding its connection and, in a send, every other send's turn: the
 * longest a person's statement takes is a large organisation's batch candidates (about 3 s for
 * 2 000 needs in a town of 20 000 helpers, README → Benchmarks); a proposal holds its locks for
 * milliseconds. Set per transaction, as the connection's login role keeps its own (a role's
 * ALTER ROLE … SET applies at login, not on SET ROLE).
 */
export const PERSON_LIMITS = { statementTimeout: '30s', lockTimeout: '5s' } as const;

const LIMITS =
	`set_config('statement_timeout', '${PERSON_LIMITS.statementTimeout}', true), ` +
	`set_config('lock_timeout', '${PERSON_LIMITS.lockTimeout}', true)`;

/**
 * The statement that gives what follows it in its transaction a person's claims, role and time
 * limits (their claims a literal escaped by node-postgres, which handles quotes and backslashes
 * whatever the server's settings).
 */
export function roleFor(claims: Claims | null): string {
	if (!claims)
		return `select set_config('request.jwt.claims', '{"role":"anon"}', true), set_config('role', 'anon', true), ${LIMITS}`;
	return (
		`select set_config('request.jwt.claims', ${pg.escapeLiteral(JSON.stringify(claims))}, true), ` +
		`set_config('role', 'authenticated', true), ${LIMITS}`
	);
}

/**
 * The statement that opens a person's transaction: begin, their claims and their role in one
 * round trip (the simple protocol runs the statements in order).
 */
export function openingFor(claims: Claims | null): string {
	return `begin; ${roleFor(claims)}`;
}

/** System transactions keep the pool's own role (see asSystem). */
const SYSTEM_OPENING = 'begin';

/** A transaction's opening, sent with its first statement (see transactionHandle). */
export interface Opening {
	text: string;
	/** Whether the opening has gone to the server: until then there is nothing to end. */
	sent: boolean;
}

/**
 * The handle work gets: the transaction's client for as long as the transaction lasts and never
 * after, so a straggling query can never run outside it (without the claims and role, or on the
 * client's next user). With an `opening`, the first statement carries it: the opening and the
 * statement go as one simple-protocol message (the statement's values as literals, withLiterals),
 * so opening a transaction costs no round trip of its own. The statements of one message run in
 * order, each with its own snapshot, exactly as when sent one by one; node-postgres sends a
 * client's queries in the order they were made, so no statement can overtake the opening.
 */
export function transactionHandle(
	client: Promise<pg.PoolClient>,
	ended: () => boolean,
	opening?: Opening
): Tx {
	const handle: Tx = {
		async query(text, values) {
			if (ended()) throw new Error('query after its transaction ended');
			const carry = opening && !opening.sent ? opening : null;
			if (carry) carry.sent = true;
			const c = await client;
			if (ended()) throw new Error('query after its transaction ended');
			if (!carry) return c.query(text, values);
			// A statement whose values cannot be literals follows the opening.
			const literal = values?.length ? withLiterals(text, values) : text;
			if (literal === null) {
				await c.query(carry.text);
				return c.query(text, values);
			}
			const answers = (await c.query(`${carry.text}; ${literal}`)) as unknown as pg.QueryResult[];
			// The opening's own answers first (begin, then its select, if any); a text of several
			// statements answers with a list, as it would alone.
			const own = answers.slice(carry.text === SYSTEM_OPENING ? 1 : 2);
			return (own.length === 1 ? own[0]! : own) as pg.QueryResult;
		}
	};
	onceIn.set(handle, new Map());
	return handle;
}

const onceIn = new WeakMap<Tx, Map<string, Promise<unknown>>>();

/**
 * A handle for reads whose every message is a transaction of its own: the `role` statement first,
 * then the message's statements (their values as literals, withLiterals). PostgreSQL runs a simple
 * Query of several statements as one implicit transaction and commits it when the message ends,
 * so the claims hold for exactly that message, and reads cost one round trip with no begin and
 * no commit of their own (nor a transaction left open between them). A statement whose values
 * cannot be literals goes alone in an explicit transaction (begin and role, the statement,
 * commit); the handle sends its messages one after another, so none comes between.
 * oncePerTransaction runs once per handle.
 */
export function messageHandle(
	client: Promise<pg.PoolClient>,
	ended: () => boolean,
	role: string
): Tx {
	let last: Promise<unknown> = Promise.resolve();
	const send = async (text: string, values?: unknown[]): Promise<pg.QueryResult> => {
		const c = await client;
		if (ended()) throw new Error('query after its transaction ended');
		const literal = values?.length ? withLiterals(text, values) : text;
		if (literal === null) {
			// The opening inside the try: when its role statement fails after its begin, the rollback
			// ends the transaction, which would otherwise stay aborted on the connection (PGlite
			// has only the one).
			try {
				await c.query(`begin; ${role}`);
				const result = await c.query(text, values);
				await c.query('commit');
				return result;
			} catch (error) {
				await c.query('rollback').catch(() => undefined);
				throw error;
			}
		}
		const answers = (await c.query(`${role}; ${literal}`)) as unknown as pg.QueryResult[];
		// The role statement's answer first; a text of several statements answers with a list.
		const own = answers.slice(1);
		return (own.length === 1 ? own[0]! : own) as pg.QueryResult;
	};
	const handle: Tx = {
		async query<R extends pg.QueryResultRow>(text: string, values?: unknown[]) {
			if (ended()) throw new Error('query after its transaction ended');
			const sent = last.then(() => send(text, values));
			last = sent.catch(() => undefined);
			return (await sent) as pg.QueryResult<R>;
		}
	};
	onceIn.set(handle, new Map());
	return handle;
}

type Answer = Awaited<ReturnType<Tx['query']>>;

interface Waiting {
	text: string;
	values?: unknown[];
	resolve(result: Answer): void;
	reject(error: unknown): void;
}

/** The microtask turns `together` waits before sending: a work's next query after an `await`. */
const GATHER_TURNS = 4;

/**
 * A handle on `tx` whose statements, when made within a few microtask turns of each other (the
 * loads of a page started side by side with Promise.all), go to the server as one simple-protocol
 * message (withLiterals) instead of one round trip each. They run in the order they were made,
 * each with its own snapshot, as they would one after another on `tx`. For reads: when one
 * statement of a message fails, every statement of that message reports the failure. Statements
 * that cannot be literals go one by one. oncePerTransaction is shared with `tx`.
 */
export function together(tx: Tx): Tx {
	// Already gathering (a request's reads): its statements join the same messages.
	if (gathering.has(tx)) return tx;
	let waiting: Waiting[] = [];
	const send = async (batch: Waiting[]) => {
		const literals = batch.map((w) =>
			w.text.includes(';') ? null : withLiterals(w.text, w.values)
		);
		if (batch.length === 1 || literals.some((l) => l === null)) {
			// Made in order at once: the client sends them in that order.
			await Promise.all(batch.map((w) => tx.query(w.text, w.values).then(w.resolve, w.reject)));
			return;
		}
		try {
			const answers = (await tx.query(literals.join(';\n'))) as unknown as Answer[];
			batch.forEach((w, i) => w.resolve(answers[i]!));
		} catch (error) {
			for (const w of batch) w.reject(error);
		}
	};
	const flush = (turns: number) => {
		if (turns > 0) return queueMicrotask(() => flush(turns - 1));
		const batch = waiting;
		waiting = [];
		void send(batch);
	};
	const handle: Tx = {
		query(text, values) {
			return new Promise((resolve, reject) => {
				if (waiting.length === 0) flush(GATHER_TURNS);
				waiting.push({ text, values, resolve: resolve as Waiting['resolve'], reject });
			});
		}
	};
	const done = onceIn.get(tx);
	// Stryker disable next-line ConditionalExpression: setting undefined reads back as not set
	if (done) onceIn.set(handle, done);
	gathering.add(handle);
	return handle;
}

const gathering = new WeakSet<Tx>();

/**
 * Runs `run` once per handle (later calls share its result): once per transaction, and once per
 * reading request (messageHandle); on anything that is no such handle (a pool, a bare client)
 * every time. For statements whose second run so soon after can find nothing new, such as
 * expiring past needs.
 */
export function oncePerTransaction<T>(tx: Tx, key: string, run: () => Promise<T>): Promise<T> {
	const done = onceIn.get(tx);
	if (!done) return run();
	if (!done.has(key)) done.set(key, run());
	return done.get(key) as Promise<T>;
}

export async function inTransaction<T>(
	pool: pg.Pool,
	opening: string,
	work: (tx: Tx) => Promise<T>
): Promise<T> {
	const client = await pool.connect();
	let ended = false;
	// The opening goes with the work's first statement (transactionHandle).
	const open: Opening = { text: opening, sent: false };
	try {
		const result = await work(transactionHandle(Promise.resolve(client), () => ended, open));
		ended = true;
		if (open.sent) await client.query('commit');
		return result;
	} catch (error) {
		ended = true;
		if (open.sent) await client.query('rollback').catch(() => undefined);
		throw error;
	} finally {
		client.release();
	}
}

export function asPerson<T>(
	pool: pg.Pool,
	claims: Claims,
	work: (tx: Tx) => Promise<T>
): Promise<T> {
	return inTransaction(pool, openingFor(claims), work);
}

export function asAnonymous<T>(pool: pg.Pool, work: (tx: Tx) => Promise<T>): Promise<T> {
	return inTransaction(pool, openingFor(null), work);
}

/** For system jobs only (sign-in bookkeeping, mail, batch matching) — never a person's writes. */
export function asSystem<T>(pool: pg.Pool, work: (tx: Tx) => Promise<T>): Promise<T> {
	return inTransaction(pool, SYSTEM_OPENING, work);
}

export function claimsFor(userId: string, email?: string): Claims {
	return { sub: userId, role: 'authenticated', ...(email ? { email } : {}) };
}
