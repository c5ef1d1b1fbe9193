// What the navigation and the organisation page read (isCoordinator, organisationOverview), run
// as the person the way the hook runs them. Added where mutation testing found no test at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import {
	coordinatorAccess,
	isCoordinator,
	organisationOverview
} from '../../../src/lib/server/organisations/coordination.ts';
import { backends, freshDatabase } from '../harness.ts';
import { as, helper, need, person, type Town, town } from '../matching/world.ts';

describe.each(backends)('coordination reads on %s', (backend) => {
	let db: Database;
	let t: Town;

	beforeAll(async () => {
		db = await freshDatabase(backend);
		t = await town(db.pool);
	});
	afterAll(() => db.close());

	async function member(personId: string, organisation: string, role: string, status: string) {
		await db.pool.query(
			`insert into public.memberships (organisation_id, person_id, role, status) values ($1, $2, $3, $4)`,
			[organisation, personId, role, status]
		);
	}

	it('isCoordinator: true for active coordinators only', async () => {
		expect(await as(db.pool, t.coordA, (tx) => isCoordinator(tx, t.coordA))).toBe(true);
		expect(await as(db.pool, t.municipal, (tx) => isCoordinator(tx, t.municipal))).toBe(true);
		const mara = await helper(db.pool, { municipality: t.municipality, name: 'Mara' });
		expect(await as(db.pool, mara, (tx) => isCoordinator(tx, mara))).toBe(false);
		const stranger = await person(db.pool, 'Fremde Person');
		expect(await as(db.pool, stranger, (tx) => isCoordinator(tx, stranger))).toBe(false);
	});

	it("organisationOverview: the pool's active and paused helpers and the needs, pending first", async () => {
		const active = await helper(db.pool, { municipality: t.municipality, name: 'Aktiv' });
		const paused = await helper(db.pool, { municipality: t.municipality, name: 'Pausiert' });
		await member(active, t.orgA, 'helper', 'active');
		await member(paused, t.orgA, 'helper', 'paused');
		const open = await need(db.pool, { organisation: t.orgA, title: 'Offen', status: 'open' });
		const pending = await need(db.pool, {
			organisation: t.orgA,
			title: 'Wartet',
			status: 'pending_approval'
		});
		await need(db.pool, { organisation: t.orgB, title: 'Fremd', status: 'open' });

		const overview = await as(db.pool, t.coordA, async (tx) => {
			const access = await coordinatorAccess(tx, t.coordA, t.orgA);
			if (!access.found || !access.mine) throw new Error('coordA must coordinate orgA');
			return organisationOverview(tx, access.organisation);
		});
		expect(overview).toMatchObject({
			id: t.orgA,
			name: 'Verein A',
			kind: 'nonprofit',
			municipalityId: t.municipality,
			poolSize: 1,
			pausedInPool: 1,
			// Only the town's office approves needs: a nonprofit's page shows none waiting.
			needsAwaitingApproval: 0
		});
		expect(overview.needs.map((n) => n.id)).toEqual([pending, open]);
		expect(overview.needs[1]).toMatchObject({
			title: 'Offen',
			status: 'open',
			category: 'homework',
			targetGroup: 'youth',
			helpersWanted: 1
		});

		const office = await as(db.pool, t.municipal, async (tx) => {
			const access = await coordinatorAccess(tx, t.municipal, t.office);
			if (!access.found || !access.mine) throw new Error('municipal must coordinate the office');
			return organisationOverview(tx, access.organisation);
		});
		expect(office).toMatchObject({ id: t.office, kind: 'municipal', needsAwaitingApproval: 1 });
		expect(office.needs).toEqual([]);
	});

	it('coordinatorAccess: unknown organisation, another one, and its own', async () => {
		const access = (org: string) =>
			as(db.pool, t.coordA, (tx) => coordinatorAccess(tx, t.coordA, org));
		expect(await access('00000000-0000-4000-8000-00000000dead')).toEqual({ found: false });
		expect(await access(t.orgB)).toEqual({ found: true, mine: false });
		expect(await access(t.orgA)).toMatchObject({
			found: true,
			mine: true,
			organisation: { id: t.orgA }
		});
	});
});
