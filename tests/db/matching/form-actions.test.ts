// The match pages' form action (src/lib/server/matching/form-actions.ts), called as SvelteKit calls
// it (a POSTed form, locals running as the person) on both backends: the page's guard first, a
// malformed form is 400 with every message, a request another person queued on this device 409,
// a verb's refusal 409 with its German message, and success answers what `success` makes of the
// verb's result and the form; each answer names the client key of the request it answers (the
// phone's outbox reads it); what the database holds is read back.
import { error, isHttpError, type RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { asAnonymous, asPerson, claimsFor } from '../../../src/lib/server/db/person.ts';
import { errorMessage } from '../../../src/lib/domain/errors.ts';
import { m } from '../../../src/lib/paraglide/messages.js';
import { keyedNeedRefSchema, withdrawSchema } from '../../../src/lib/schemas/matching.ts';
import { matchVerbAction } from '../../../src/lib/server/matching/form-actions.ts';
import { request, withdraw } from '../../../src/lib/server/matching/verbs.ts';
import { backends, freshDatabase } from '../harness.ts';
import { helper, need, town, type Town } from './world.ts';

const SITE = 'https://zeitspende.example';

/** An action's answer as the page gets it: a failure's status and data, or the success value. */
function answer(result: unknown) {
	const r = result as { status?: number; data?: unknown };
	return r && typeof r === 'object' && 'status' in r && 'data' in r
		? { status: r.status, data: r.data }
		: { success: result };
}

describe.each(backends)('the match form action on %s', (backend) => {
	let db: Database;
	let t: Town;

	beforeAll(async () => {
		db = await freshDatabase(backend);
		t = await town(db.pool);
	});
	afterAll(() => db.close());

	function post(personId: string | null, fields: Record<string, string>): RequestEvent {
		const body = new FormData();
		for (const [k, v] of Object.entries(fields)) body.set(k, v);
		const url = new URL(`${SITE}/matches`);
		const locals: App.Locals = {
			person: personId ? { id: personId, email: `${personId}@test.example` } : null,
			db: (work) =>
				personId ? asPerson(db.pool, claimsFor(personId), work) : asAnonymous(db.pool, work),
			locale: 'de'
		};
		return { request: new Request(url, { method: 'POST', body }), locals, url } as RequestEvent;
	}

	/** "I can help", as the helper's need page posts it. */
	const requestAction = matchVerbAction(
		keyedNeedRefSchema,
		(tx, v) => request(tx, v.needId, v.clientKey),
		(r, v) => ({ requested: r.matchId, needId: v.needId })
	);

	const matchesOf = async (needId: string) =>
		(
			await db.pool.query<{ helper_id: string; status: string }>(
				`select helper_id, status from public.matches where need_id = $1 order by created_at`,
				[needId]
			)
		).rows;

	async function fresh() {
		const needId = await need(db.pool, { organisation: t.orgA, starts_on: '2027-03-10' });
		const helperId = await helper(db.pool, { municipality: t.municipality, north_km: 0.5 });
		return { needId, helperId };
	}

	it('runs the verb as the person and answers what success makes of its result and the form', async () => {
		const { needId, helperId } = await fresh();
		const result = answer(await requestAction(post(helperId, { needId })));
		const rows = await db.pool.query<{ id: string }>(
			`select id from public.matches where need_id = $1`,
			[needId]
		);
		expect(result).toEqual({ success: { requested: rows.rows[0]!.id, needId } });
		expect(await matchesOf(needId)).toEqual([{ helper_id: helperId, status: expect.any(String) }]);
	});

	it('answers a verb’s refusal with 409 and its German message; nothing more is written', async () => {
		const { needId, helperId } = await fresh();
		await requestAction(post(helperId, { needId }));
		const again = answer(await requestAction(post(helperId, { needId })));
		expect(again).toEqual({ status: 409, data: { error: errorMessage('already_matched') } });
		expect(await matchesOf(needId)).toHaveLength(1);
	});

	it('answers a malformed form with 400 and every field’s message, one after the other', async () => {
		const action = matchVerbAction(
			withdrawSchema,
			(tx, v) => withdraw(tx, v.matchId, v.reason),
			() => ({ withdrawn: true })
		);
		const { helperId } = await fresh();
		const result = answer(
			await action(post(helperId, { matchId: 'keine-id', reason: 'x'.repeat(501) }))
		);
		expect(result).toEqual({
			status: 400,
			data: { error: `${m.validation_reference()} ${m.error_code_reason_too_long()}` }
		});
	});

	it('refuses a request another person queued on this device with 409, and sends nothing', async () => {
		const { needId, helperId } = await fresh();
		const clientKey = randomUUID();
		const result = answer(
			await requestAction(post(helperId, { needId, clientKey, clientOwner: randomUUID() }))
		);
		expect(result).toEqual({ status: 409, data: { error: m.queue_not_yours(), clientKey } });
		expect(await matchesOf(needId)).toEqual([]);
	});

	it('sends a request the person queued themselves', async () => {
		const { needId, helperId } = await fresh();
		const result = answer(
			await requestAction(
				post(helperId, { needId, clientKey: randomUUID(), clientOwner: helperId })
			)
		);
		expect(result).toMatchObject({ success: { needId } });
		expect(await matchesOf(needId)).toHaveLength(1);
	});

	it('names the request it answers (its client key) in every answer: done, refused, malformed', async () => {
		const { needId, helperId } = await fresh();
		const clientKey = randomUUID();
		const done = answer(await requestAction(post(helperId, { needId, clientKey })));
		const matchId = (
			await db.pool.query<{ id: string }>(`select id from public.matches where need_id = $1`, [
				needId
			])
		).rows[0]!.id;
		expect(done).toEqual({ success: { requested: matchId, needId, clientKey } });
		const otherKey = randomUUID();
		const refused = answer(await requestAction(post(helperId, { needId, clientKey: otherKey })));
		expect(refused).toEqual({
			status: 409,
			data: { error: errorMessage('already_matched'), clientKey: otherKey }
		});
		const malformed = answer(
			await requestAction(post(helperId, { needId: 'keine-id', clientKey: otherKey }))
		);
		expect(malformed).toMatchObject({ status: 400, data: { clientKey: otherKey } });
		// A key that is no UUID names nothing (and the form is refused for it).
		const odd = answer(await requestAction(post(helperId, { needId, clientKey: '<b>x</b>' })));
		expect(odd).toMatchObject({ status: 400 });
		expect((odd as { data: object }).data).not.toHaveProperty('clientKey');
		expect(await matchesOf(needId)).toHaveLength(1);
	});

	it('signed out, a queued request is not checked for its owner: the verb decides', async () => {
		const seen: unknown[] = [];
		const action = matchVerbAction(
			keyedNeedRefSchema,
			async (_tx, v) => {
				seen.push(v);
				return { ok: false as const, code: 'not_allowed' as const };
			},
			() => ({ requested: true })
		);
		const needId = randomUUID();
		const owner = randomUUID();
		const result = answer(await action(post(null, { needId, clientOwner: owner })));
		expect(result).toEqual({ status: 409, data: { error: errorMessage('not_allowed') } });
		expect(seen).toEqual([{ needId, clientOwner: owner }]);
	});

	it('runs the guard before anything is read from the form', async () => {
		const calls: string[] = [];
		const guarded = matchVerbAction(
			keyedNeedRefSchema,
			async (tx, v) => {
				calls.push('verb');
				return request(tx, v.needId);
			},
			(r) => ({ requested: r.matchId }),
			async (event) => {
				calls.push('guard');
				if (event.locals.person?.id !== t.coordA) error(404, 'nicht gefunden');
			}
		);
		const { needId, helperId } = await fresh();
		let status = 0;
		try {
			await guarded(post(helperId, { needId: 'keine-id' }));
		} catch (e) {
			if (!isHttpError(e)) throw e;
			status = e.status;
		}
		expect(status).toBe(404);
		expect(calls).toEqual(['guard']);
		// Let through, the form is read and the verb runs (and refuses: a coordinator cannot request).
		const refused = answer(await guarded(post(t.coordA, { needId })));
		expect(calls).toEqual(['guard', 'guard', 'verb']);
		expect(refused).toMatchObject({ status: 409 });
		expect(await matchesOf(needId)).toEqual([]);
	});
});
