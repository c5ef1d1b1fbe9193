// The routes' own actions for what a phone may queue offline — "Ich kann helfen" (on /needs and on a
// need's page), "Zusagen" and "Absagen" (on /matches) — posted twice with one client key, as the
// outbox replays a request whose answer was lost: the second post answers exactly what the first
// did and writes nothing more. form-actions.test.ts checks the shared action with a copy of its
// verb; this file imports the actions the routes export, so a route that stopped passing the key
// on fails here (without the key the repeat is refused: already matched, not proposed any more).
import type { RequestEvent } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { asPerson, claimsFor } from '../../../src/lib/server/db/person.ts';
import { actions as matchesActions } from '../../../src/routes/(signed-in)/matches/+page.server.ts';
import { actions as needsActions } from '../../../src/routes/(signed-in)/needs/+page.server.ts';
import { actions as needActions } from '../../../src/routes/(signed-in)/needs/[needId]/+page.server.ts';
import { backends, freshDatabase } from '../harness.ts';
import { helper, match, need, town, type Town } from './world.ts';

const SITE = 'https://zeitspende.example';

/** An action's answer as the page gets it: a failure's status and data, or the success value. */
function answer(result: unknown) {
	const r = result as { status?: number; data?: unknown };
	return r && typeof r === 'object' && 'status' in r && 'data' in r
		? { status: r.status, data: r.data }
		: { success: result };
}

describe.each(backends)(
	'the routes’ queueable actions, replayed with one client key, on %s',
	(backend) => {
		let db: Database;
		let t: Town;

		beforeAll(async () => {
			db = await freshDatabase(backend);
			t = await town(db.pool);
		});
		afterAll(() => db.close());

		/** The form as the phone's outbox posts it: the fields, the key and whose it is. */
		function post(
			path: string,
			personId: string,
			fields: Record<string, string>,
			params: Record<string, string> = {}
		): RequestEvent {
			const body = new FormData();
			for (const [k, v] of Object.entries(fields)) body.set(k, v);
			const url = new URL(`${SITE}${path}`);
			const locals: App.Locals = {
				person: { id: personId, email: `${personId}@test.example` },
				db: (work) => asPerson(db.pool, claimsFor(personId), work),
				locale: 'de'
			};
			return {
				request: new Request(url, { method: 'POST', body }),
				locals,
				url,
				params
			} as unknown as RequestEvent;
		}

		/** The same post twice (a lost answer, replayed): both answers. */
		// Each route's action wants its own route's event; the one made here is shaped for all.
		async function twice<E>(
			action: ((event: E) => unknown) | undefined,
			path: string,
			personId: string,
			fields: Record<string, string>,
			params?: Record<string, string>
		) {
			const clientKey = randomUUID();
			const form = { ...fields, clientKey, clientOwner: personId };
			const event = () => post(path, personId, form, params) as unknown as E;
			const first = answer(await action!(event()));
			const again = answer(await action!(event()));
			return { clientKey, first, again };
		}

		const matchesOf = async (needId: string) =>
			(
				await db.pool.query<{ id: string; helper_id: string; status: string }>(
					`select id, helper_id, status from public.matches where need_id = $1 order by created_at`,
					[needId]
				)
			).rows;

		const remembered = async (clientKey: string) =>
			(
				await db.pool.query<{ person_id: string; action: string }>(
					`select person_id, action from private.client_requests where client_key = $1`,
					[clientKey]
				)
			).rows;

		async function fresh() {
			const needId = await need(db.pool, { organisation: t.orgA, starts_on: '2027-03-10' });
			const helperId = await helper(db.pool, { municipality: t.municipality, north_km: 0.5 });
			return { needId, helperId };
		}

		it('"Ich kann helfen" on /needs: the repeat answers the first, one match', async () => {
			const { needId, helperId } = await fresh();
			const { clientKey, first, again } = await twice(needsActions.help, '/needs', helperId, {
				needId
			});
			expect(first).toMatchObject({ success: { clientKey } });
			expect(again).toEqual(first);
			expect(await matchesOf(needId)).toEqual([
				{ id: expect.any(String), helper_id: helperId, status: 'requested' }
			]);
			expect(await remembered(clientKey)).toEqual([
				{ person_id: helperId, action: 'request_match' }
			]);
		});

		it('"Ich kann helfen" on the need’s page: the repeat answers the first, one match', async () => {
			const { needId, helperId } = await fresh();
			const { clientKey, first, again } = await twice(
				needActions.help,
				`/needs/${needId}`,
				helperId,
				{ needId },
				{ needId }
			);
			expect(first).toEqual({ success: { requested: needId, clientKey } });
			expect(again).toEqual(first);
			expect(await matchesOf(needId)).toHaveLength(1);
			expect(await remembered(clientKey)).toEqual([
				{ person_id: helperId, action: 'request_match' }
			]);
		});

		it('"Zusagen" to a proposal: the repeat answers the first status, the one match accepted once', async () => {
			const { needId, helperId } = await fresh();
			const matchId = await match(db.pool, needId, helperId, 'proposed');
			const { clientKey, first, again } = await twice(matchesActions.accept, '/matches', helperId, {
				matchId
			});
			expect(first).toEqual({ success: { accepted: expect.any(String), clientKey } });
			expect(again).toEqual(first);
			const rows = await matchesOf(needId);
			expect(rows).toEqual([
				{
					id: matchId,
					helper_id: helperId,
					status: (first.success as { accepted: string }).accepted
				}
			]);
			expect(rows[0]!.status).not.toBe('proposed');
			expect(await remembered(clientKey)).toEqual([
				{ person_id: helperId, action: 'accept_match' }
			]);
		});

		it('"Absagen" to a proposal: the repeat answers as the first, the match declined once', async () => {
			const { needId, helperId } = await fresh();
			const matchId = await match(db.pool, needId, helperId, 'proposed');
			const { clientKey, first, again } = await twice(
				matchesActions.decline,
				'/matches',
				helperId,
				{
					matchId
				}
			);
			expect(first).toEqual({ success: { declined: true, clientKey } });
			expect(again).toEqual(first);
			expect(await matchesOf(needId)).toEqual([
				{ id: matchId, helper_id: helperId, status: 'declined' }
			]);
			expect(await remembered(clientKey)).toEqual([
				{ person_id: helperId, action: 'decline_match' }
			]);
		});
	}
);
