// A person's own profile: name, language, e-mail and phone, and their memberships (coordinator
// roles first, then by organisation); a change to name, language and phone is theirs alone.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readProfile, updateProfile } from '../../../src/lib/server/people/profile.ts';
import { backends } from '../harness.ts';
import { actAs, as, useWorld } from '../rls/support.ts';

describe.each(backends)('my profile (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	it('helper: their profile with e-mail and memberships, coordinator roles first', async () => {
		const profile = await as(ctx, 'helper', async (tx) => {
			await actAs(ctx, tx, 'system');
			// A coordinator role in B, which lists before the helper role in A.
			await tx.query(
				`insert into public.memberships (organisation_id, person_id, role, status) values ($1, $2, 'coordinator', 'invited')`,
				[w().organisations.orgB, w().people.helper]
			);
			await actAs(ctx, tx, 'helper');
			return readProfile(tx, w().people.helper);
		});
		expect(profile).toEqual({
			id: w().people.helper,
			displayName: expect.stringMatching(/^helper /),
			locale: 'de',
			email: w().emails.helper,
			phone: null,
			memberships: [
				{
					organisationId: w().organisations.orgB,
					organisationName: 'Verein B',
					kind: 'nonprofit',
					municipalityName: expect.stringMatching(/^Musterstadt /),
					role: 'coordinator',
					status: 'invited'
				},
				expect.objectContaining({
					organisationId: w().organisations.orgA,
					role: 'helper',
					status: 'active'
				})
			]
		});
	});

	it('helper: an unknown id has no profile', async () => {
		expect(await as(ctx, 'helper', (tx) => readProfile(tx, randomUUID()))).toBeNull();
	});

	it('helper: changes their name, language and phone', async () => {
		const profile = await as(ctx, 'helper', async (tx) => {
			await updateProfile(tx, w().people.helper, {
				displayName: 'Hanna Helferin',
				locale: 'en',
				phone: '0341 123 456'
			});
			return readProfile(tx, w().people.helper);
		});
		expect(profile).toMatchObject({
			displayName: 'Hanna Helferin',
			locale: 'en',
			phone: '0341 123 456',
			email: w().emails.helper
		});
	});
});
