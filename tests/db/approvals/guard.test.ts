// The guard of the town's approval queue (src/lib/server/approvals/guard.ts), by persona: the
// organisation guard first (a stranger's 404, signed out 401), then 403 for a nonprofit's
// coordinator (logged: the town decides, not its nonprofits), 404 for an office whose town
// approves nothing and has nothing waiting, and otherwise the office with its town's figures.
// The guard runs as the person, as the hook sets locals up.
import { isHttpError } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { m } from '../../../src/lib/paraglide/messages.js';
import {} from '../../../src/lib/server/db/person.ts';
import { requireTownApprover } from '../../../src/lib/server/approvals/guard.ts';
import { backends, freshDatabase } from '../harness.ts';
import { localsFor } from '../locals.ts';
import { need, person, type Town, town } from '../matching/world.ts';
import { refusalsDuring } from '../../support/refusals.ts';

describe.each(backends)('the approval queue’s guard on %s', (backend) => {
	let db: Database;

	beforeAll(async () => {
		db = await freshDatabase(backend);
	});
	afterAll(() => db.close());

	const localsOf = (personId: string | null) => localsFor(db.pool, personId);

	/** The HTTP status and message the guard refuses with; fails the test when it lets the person in. */
	async function refusal(
		locals: App.Locals,
		organisationId: string
	): Promise<{ status: number; message: string }> {
		try {
			await requireTownApprover(locals, organisationId);
		} catch (e) {
			if (isHttpError(e)) return { status: e.status, message: e.body.message };
			throw e;
		}
		throw new Error('requireTownApprover let the person in');
	}

	const nameOf = async (t: Town) =>
		(
			await db.pool.query<{ name: string }>('select name from municipalities where id = $1', [
				t.municipality
			])
		).rows[0]!.name;
	const policies = (t: Town, needs: boolean, matches: boolean) =>
		db.pool.query(
			`update municipalities set nonprofit_needs_need_approval = $2, minor_matches_need_approval = $3
			 where id = $1`,
			[t.municipality, needs, matches]
		);

	describe('municipal coordinator', () => {
		it('of a town that approves nothing and has nothing waiting: 404 that names the town', async () => {
			const t = await town(db.pool);
			const refused = await refusal(localsOf(t.municipal), t.office);
			expect(refused.status).toBe(404);
			expect(refused.message).toContain(await nameOf(t));
		});

		it('of a town that approves needs: the office, and the town’s policies and figures', async () => {
			const t = await town(db.pool);
			await policies(t, true, false);
			const { organisation, town: approvals } = await requireTownApprover(
				localsOf(t.municipal),
				t.office
			);
			expect(organisation).toMatchObject({ id: t.office, kind: 'municipal', name: 'Jugendamt' });
			expect(approvals).toEqual({
				municipalityId: t.municipality,
				needsPolicy: true,
				matchesPolicy: false,
				pending: 0
			});
		});

		it('of a town that approves matches with minors only: let in too', async () => {
			const t = await town(db.pool, { minor_matches_need_approval: true });
			const { town: approvals } = await requireTownApprover(localsOf(t.municipal), t.office);
			expect(approvals).toMatchObject({ needsPolicy: false, matchesPolicy: true, pending: 0 });
		});

		it('of a town that switched its policy off with a need still waiting: let in, to decide it', async () => {
			const t = await town(db.pool);
			await need(db.pool, { organisation: t.orgA, status: 'pending_approval' });
			const { town: approvals } = await requireTownApprover(localsOf(t.municipal), t.office);
			expect(approvals).toEqual({
				municipalityId: t.municipality,
				needsPolicy: false,
				matchesPolicy: false,
				pending: 1
			});
		});

		it('of an office that stops being one between the guard’s two reads: 403, not a crash', async () => {
			const t = await town(db.pool);
			await policies(t, true, true);
			const locals = localsOf(t.municipal);
			let reads = 0;
			const racing: App.Locals = {
				...locals,
				db: async (work) => {
					reads += 1;
					if (reads === 2) {
						await db.pool.query(`update organisations set kind = 'nonprofit' where id = $1`, [
							t.office
						]);
					}
					return locals.db(work);
				}
			};
			expect((await refusal(racing, t.office)).status).toBe(403);
			expect(reads).toBe(2);
		});
	});

	describe('coordinator of a nonprofit', () => {
		it('is refused 403 (the town decides), and the refusal is logged', async () => {
			const t = await town(db.pool);
			await policies(t, true, true);
			const { result: refused, refusals } = await refusalsDuring(
				() => refusal(localsOf(t.coordA), t.orgA),
				{
					personId: t.coordA,
					method: 'GET',
					route: '/(signed-in)/coordinator/[organisationId]/approvals'
				}
			);
			expect(refused.status).toBe(403);
			expect(refused.message).toBe(m.approvals_error_not_municipal());
			expect(refusals).toHaveLength(1);
			expect(refusals[0]).toMatchObject({
				event: 'access_refused',
				person: t.coordA,
				request: 'GET /(signed-in)/coordinator/[organisationId]/approvals',
				what: `approval queue of nonprofit ${t.orgA}`
			});
		});
	});

	describe('a stranger and the signed out', () => {
		it('a person who coordinates nothing: 404 like an unknown organisation', async () => {
			const t = await town(db.pool, { minor_matches_need_approval: true });
			const stranger = await person(db.pool, 'Fremde Person');
			expect((await refusal(localsOf(stranger), t.office)).status).toBe(404);
			expect(
				(await refusal(localsOf(t.municipal), '00000000-0000-4000-8000-00000000dead')).status
			).toBe(404);
		});

		it('signed out: 401', async () => {
			const t = await town(db.pool, { minor_matches_need_approval: true });
			expect((await refusal(localsOf(null), t.office)).status).toBe(401);
		});
	});
});
