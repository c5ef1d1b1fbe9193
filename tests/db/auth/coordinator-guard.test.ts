// The guard of the coordinator pages, by persona: the coordinator of the organisation gets it,
// everyone else the same 404 as an unknown or malformed id (a page tells nothing of another
// organisation), and each such refusal is logged for the operator; signed out is 401. The guard
// runs as the person, as the hook sets locals up.
import { isHttpError } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import {} from '../../../src/lib/server/db/person.ts';
import { requireCoordinator } from '../../../src/lib/server/organisations/guard.ts';
import { backends, freshDatabase } from '../harness.ts';
import { localsFor } from '../locals.ts';
import { helper, person, type Town, town } from '../matching/world.ts';
import { refusalsDuring } from '../../support/refusals.ts';

describe.each(backends)('the coordinator guard on %s', (backend) => {
	let db: Database;
	let t: Town;

	beforeAll(async () => {
		db = await freshDatabase(backend);
		t = await town(db.pool);
	});
	afterAll(() => db.close());

	const localsOf = (personId: string | null) => localsFor(db.pool, personId);

	/** The HTTP status requireCoordinator refuses with; fails the test when it lets the person in. */
	async function refusal(personId: string | null, organisationId: string): Promise<number> {
		try {
			await requireCoordinator(localsOf(personId), organisationId);
		} catch (e) {
			if (isHttpError(e)) return e.status;
			throw e;
		}
		throw new Error('requireCoordinator let the person in');
	}

	it('lets the coordinator of the organisation in, with its name and town', async () => {
		const organisation = await requireCoordinator(localsOf(t.coordA), t.orgA);
		expect(organisation).toMatchObject({ id: t.orgA, name: 'Verein A', kind: 'nonprofit' });
		expect(organisation.municipalityName).toMatch(/^Teststadt /);
	});

	it('refuses the coordinator of another organisation in the same town with 404', async () => {
		expect(await refusal(t.coordB, t.orgA)).toBe(404);
	});

	it('refuses the municipal coordinator of the town with 404 (they coordinate the office, not the nonprofit)', async () => {
		expect(await refusal(t.municipal, t.orgA)).toBe(404);
	});

	it('refuses a helper and a stranger with 404', async () => {
		const mara = await helper(db.pool, { municipality: t.municipality, name: 'Mara' });
		expect(await refusal(mara, t.orgA)).toBe(404);
		expect(await refusal(await person(db.pool, 'Fremde Person'), t.orgA)).toBe(404);
	});

	it("logs a refusal of another organisation's pages (who, what, when), not an unknown id", async () => {
		const facts = {
			personId: t.coordB,
			method: 'GET',
			route: '/(signed-in)/coordinator/[organisationId]'
		};
		const { refusals } = await refusalsDuring(async () => {
			await refusal(t.coordB, t.orgA);
			await refusal(t.coordB, '00000000-0000-4000-8000-00000000dead');
		}, facts);
		expect(refusals).toHaveLength(1);
		const logged = refusals[0]!;
		expect(logged).toMatchObject({
			event: 'access_refused',
			person: t.coordB,
			request: 'GET /(signed-in)/coordinator/[organisationId]',
			what: `coordinator pages of organisation ${t.orgA}`
		});
		expect(Date.now() - Date.parse(logged.at)).toBeLessThan(60_000);
	});

	it('answers 404 for an organisation that does not exist and for an id that is no uuid', async () => {
		expect(await refusal(t.coordA, '00000000-0000-4000-8000-00000000dead')).toBe(404);
		expect(await refusal(t.coordA, 'not-a-uuid')).toBe(404);
		// An id that is no uuid is no page at all, whoever asks: checked before anything else.
		expect(await refusal(null, 'not-a-uuid')).toBe(404);
	});

	it('answers 401 when signed out', async () => {
		expect(await refusal(null, t.orgA)).toBe(401);
	});
});
