// Where a person lands after signing in without a destination: someone new (no offer, no
// organisation) on the offer stepper, everyone else on the profile.
import { describe, expect, it } from 'vitest';
import { landingPage } from '../../../src/lib/server/people/profile.ts';
import { backends } from '../harness.ts';
import { as, useWorld } from '../rls/support.ts';
import type { PersonaName } from '../fixtures.ts';

describe.each(backends)('landing after sign-in (%s)', (backend) => {
	const ctx = useWorld(backend);
	const land = (who: PersonaName) => as(ctx, who, (tx) => landingPage(tx, ctx.world.people[who]));

	it('sends the new person to the stepper', async () => {
		expect(await land('stranger')).toBe('/offer');
	});

	it('sends helpers with an offer and coordinators to the profile', async () => {
		expect(await Promise.all([land('helper'), land('coordA'), land('municipal')])).toEqual([
			'/profile',
			'/profile',
			'/profile'
		]);
	});
});
