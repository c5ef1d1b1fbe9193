// A person's e-mail settings (src/lib/server/mail/preferences.ts) as the profile page reads and
// saves them, and the organisation's needs with helpers that a pool message can go to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import {
	readMailPreferences,
	saveMailPreferences
} from '../../../src/lib/server/mail/preferences.ts';
import { needsWithHelpers } from '../../../src/lib/server/mail/messages.ts';
import { DIGEST_BY_DEFAULT, MAIL_KINDS } from '../../../src/lib/domain/mail/kinds.ts';
import { backends, freshDatabase } from '../harness.ts';
import { as, helper, match, need, town, type Town } from '../matching/world.ts';

describe.each(backends)('e-mail settings on %s', (backend) => {
	let db: Database;
	let t: Town;
	let mara: string;
	let jan: string;
	beforeAll(async () => {
		db = await freshDatabase(backend);
		t = await town(db.pool);
		mara = await helper(db.pool, { municipality: t.municipality });
		jan = await helper(db.pool, { municipality: t.municipality });
	});
	afterAll(() => db.close());

	it('every kind, on, and as a digest where that is the default, until the person chooses', async () => {
		const read = await as(db.pool, mara, (tx) => readMailPreferences(tx));
		expect(read).toEqual(
			MAIL_KINDS.map((kind) => ({ kind, enabled: true, digest: DIGEST_BY_DEFAULT.includes(kind) }))
		);
		expect(read.filter((p) => p.digest).length).toBeGreaterThan(0);
	});

	it("saves and changes the person's own choices; another person keeps the defaults", async () => {
		await as(db.pool, mara, (tx) =>
			saveMailPreferences(tx, mara, [
				{ kind: 'proposal', enabled: false, digest: false },
				{ kind: 'reminder', enabled: true, digest: true }
			])
		);
		await as(db.pool, mara, (tx) =>
			saveMailPreferences(tx, mara, [{ kind: 'proposal', enabled: true, digest: true }])
		);
		const mine = await as(db.pool, mara, (tx) => readMailPreferences(tx));
		expect(mine.find((p) => p.kind === 'proposal')).toEqual({
			kind: 'proposal',
			enabled: true,
			digest: true
		});
		expect(mine.find((p) => p.kind === 'reminder')).toEqual({
			kind: 'reminder',
			enabled: true,
			digest: true
		});
		expect(mine.find((p) => p.kind === 'match_ended')).toEqual({
			kind: 'match_ended',
			enabled: true,
			digest: false
		});
		const his = await as(db.pool, jan, (tx) => readMailPreferences(tx));
		expect(his.find((p) => p.kind === 'proposal')).toEqual({
			kind: 'proposal',
			enabled: true,
			digest: false
		});
	});

	it("lists the organisation's needs with helpers in an active match, with how many", async () => {
		const reading = await need(db.pool, {
			organisation: t.orgA,
			title: 'Lesen',
			helpers_wanted: 2
		});
		const quiet = await need(db.pool, { organisation: t.orgA, title: 'Aaa ohne Helfer' });
		void quiet;
		await match(db.pool, reading, mara, 'active');
		await match(db.pool, reading, jan, 'active');
		const listed = await as(db.pool, t.coordA, (tx) => needsWithHelpers(tx, t.orgA));
		expect(listed).toEqual([{ id: reading, title: 'Lesen', helpers: 2 }]);
		expect(await as(db.pool, t.coordA, (tx) => needsWithHelpers(tx, t.orgB))).toEqual([]);
	});
});
