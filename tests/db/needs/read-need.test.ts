// One need as its page shows it: every field, the organisation's and the district's names. Who
// sees it is the database's to say (RLS); a need nobody may see reads as null.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readNeed } from '../../../src/lib/server/needs/read.ts';
import { backends } from '../harness.ts';
import { as, useWorld } from '../rls/support.ts';

describe.each(backends)('reading a need (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	it('coordinator of A: their open need with every field', async () => {
		const [need, start] = await as(ctx, 'coordA', async (tx) => [
			await readNeed(tx, w().needs.aOpen),
			// The fixtures start their needs 30 days from today.
			(await tx.query<{ d: string }>(`select to_char(current_date + 30, 'YYYY-MM-DD') as d`))
				.rows[0]!.d
		]);
		expect(need).toEqual({
			id: w().needs.aOpen,
			organisationId: w().organisations.orgA,
			organisationName: 'Verein A',
			title: 'A: Hausaufgaben Mathe',
			description: 'Ohne Namen, nur Gebiet und Bedarf.',
			category: 'homework',
			targetGroup: 'youth',
			hours: 2,
			cadence: 'one_off',
			startsOn: start,
			endsOn: null,
			remote: false,
			districtName: 'Altstadt',
			helpersWanted: 1,
			requires72a: true,
			status: 'open',
			sentBackReason: null,
			sentBackOn: null
		});
	});

	it('coordinator of A: a need that does not exist is null', async () => {
		expect(await as(ctx, 'coordA', (tx) => readNeed(tx, randomUUID()))).toBeNull();
	});

	it("coordinator in another town: A's draft is null", async () => {
		expect(await as(ctx, 'coordM2', (tx) => readNeed(tx, w().needs.aDraft))).toBeNull();
	});
});
