// How many round trips a signed-in page costs: the session lookup, then the load functions of
// the helper's needs page and of the coordinator's need page as the hook runs them (layout and
// page together, on one request's database handle). Counted on the real pool through a wrapper
// that counts each client.query, so a statement batched into one round trip counts once.
import type { RenderOnly } from '../../../src/lib/render-only.ts';
import type { Cookies } from '@sveltejs/kit';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { claimsFor } from '../../../src/lib/server/db/person.ts';
import { requestDatabase } from '../../../src/lib/server/db/request.ts';
import { emailCodeAuth } from '../../../src/lib/server/auth/email-code.ts';
import { hashSessionToken, newSessionToken } from '../../../src/lib/server/auth/tokens.ts';
import { load as layoutLoad } from '../../../src/routes/+layout.server.ts';
import { load as needsLoad } from '../../../src/routes/(signed-in)/needs/+page.server.ts';
import { load as needLoad } from '../../../src/routes/(signed-in)/coordinator/[organisationId]/needs/[needId]/+page.server.ts';
import { backends, freshDatabase } from '../harness.ts';
import { helper, match, need, type Town, town } from '../matching/world.ts';

/**
 * The budget this file holds the pages to (messages sent, the session lookup included): a GET's
 * statements made side by side, by the layout and the page alike, go in one message (the request's
 * handle gathers them), which is a transaction of its own with the role statement first (no begin,
 * no commit). /needs: session, role + layout + offer glance + expiry + fitting needs; the need
 * page: session, role + layout + guard + expiry + need + candidates + matches + history.
 */
const BUDGET = { needs: 2, coordinatorNeed: 2 };

/** The real pool, with every query sent through it or its clients counted. */
function counting(pool: pg.Pool): { pool: pg.Pool; sent: string[] } {
	const sent: string[] = [];
	const note = (text: unknown) => sent.push(String(text).replace(/\s+/g, ' ').slice(0, 80));
	const wrapper = {
		query: (text: string, values?: unknown[]) => (note(text), pool.query(text, values)),
		connect: async () => {
			const client = await pool.connect();
			return {
				query: (text: string, values?: unknown[]) => (note(text), client.query(text, values)),
				release: (error?: Error | boolean) => client.release(error)
			};
		}
	};
	return { pool: wrapper as unknown as pg.Pool, sent };
}

describe.each(backends)('round trips of a signed-in page on %s', (backend) => {
	let db: Database;
	let t: Town;
	let helperId: string;
	let needId: string;

	beforeAll(async () => {
		db = await freshDatabase(backend);
		t = await town(db.pool);
		helperId = await helper(db.pool, { municipality: t.municipality });
		needId = await need(db.pool, { organisation: t.orgA, helpers_wanted: 3 });
		// An active match (its contacts are read) and a helper's open request.
		await match(db.pool, needId, await helper(db.pool, { municipality: t.municipality }), 'active');
		await match(
			db.pool,
			needId,
			await helper(db.pool, { municipality: t.municipality }),
			'requested'
		);
		// A proposal waiting for the helper's answer (the needs page counts it).
		await match(db.pool, await need(db.pool, { organisation: t.orgB }), helperId, 'proposed');
	});
	afterAll(() => db.close());

	async function sessionOf(personId: string): Promise<Cookies> {
		const token = newSessionToken();
		await db.pool.query(
			`insert into private.sessions (token_hash, user_id, expires_at) values ($1, $2, now() + interval '1 day')`,
			[hashSessionToken(token), personId]
		);
		const jar = { get: (name: string) => (name === 'zs_session' ? token : undefined) };
		return { ...jar, delete: () => undefined, set: () => undefined } as unknown as Cookies;
	}

	/**
	 * GETs as the hook serves them, one after another by one browser: the session, then layout and
	 * page loads side by side. The messages of the last.
	 */
	async function request(
		personId: string,
		path: string,
		page: (event: never) => Promise<unknown>,
		params: Record<string, string> = {},
		times = 1
	) {
		const cookies = await sessionOf(personId);
		const { pool, sent } = counting(db.pool);
		const auth = emailCodeAuth({
			pool,
			secret: 'test-secret-test-secret-test-secret',
			secureCookies: false,
			composeMail: () => ({ subject: '', text: '' })
		});
		let answer: { layout: unknown; data: unknown } | undefined;
		for (let i = 0; i < times; i++) {
			sent.length = 0;
			const person = await auth.resolve(cookies);
			expect(person?.id).toBe(personId);
			const requestDb = requestDatabase(pool, claimsFor(person!.id, person!.email), 'GET');
			const event = {
				locals: { person, db: requestDb.db, locale: 'de' },
				url: new URL(`http://localhost${path}`),
				params
			} as never;
			const [layout, data] = await Promise.all([layoutLoad(event), page(event)]);
			await requestDb.settled();
			answer = { layout, data };
		}
		return { ...answer!, sent };
	}

	it(`serves the helper's needs page in at most ${BUDGET.needs} round trips`, async () => {
		const { data, sent } = await request(helperId, '/needs', needsLoad as never);
		const page = data as {
			hasOffer: boolean;
			toAnswer: number;
			needs: RenderOnly<{ needId: string }[]>;
		};
		expect(page.needs.value.map((n) => n.needId)).toContain(needId);
		expect(page).toMatchObject({ hasOffer: true, toAnswer: 1 });
		console.log(`[round trips] /needs on ${backend}: ${sent.length}\n  ${sent.join('\n  ')}`);
		expect(sent.length).toBeLessThanOrEqual(BUDGET.needs);
	});

	it(`serves the coordinator's need page in at most ${BUDGET.coordinatorNeed} round trips`, async () => {
		const { layout, data, sent } = await request(
			t.coordA,
			`/coordinator/${t.orgA}/needs/${needId}`,
			needLoad as never,
			{ organisationId: t.orgA, needId }
		);
		expect((layout as unknown as { isCoordinator: boolean }).isCoordinator).toBe(true);
		const page = data as { need: { id: string }; matches: RenderOnly<{ contacts: unknown[] }[]> };
		expect(page.need.id).toBe(needId);
		expect(page.matches.value.map((m) => m.contacts.length > 0).sort()).toEqual([false, true]);
		console.log(
			`[round trips] coordinator need page on ${backend}: ${sent.length}\n  ${sent.join('\n  ')}`
		);
		expect(sent.length).toBeLessThanOrEqual(BUDGET.coordinatorNeed);
	});

	it('serves the next request of a browser within the recheck window in one round trip', async () => {
		// The session looked up by the first request is this server's for SESSION_RECHECK_SECONDS
		// (src/lib/server/auth/session-cache.ts): the second sends only the page's message.
		const { data, sent } = await request(helperId, '/needs', needsLoad as never, {}, 2);
		expect((data as { hasOffer: boolean }).hasOffer).toBe(true);
		expect(sent).toHaveLength(1);
		expect(sent[0]).not.toMatch(/session_person/);
	});
});
