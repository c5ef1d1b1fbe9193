// The onboarding pages' guards (src/lib/server/onboarding/guard.ts), by persona and as the hook
// sets locals up (every read runs as the person): the admin page lets only a platform admin in
// (403, logged, for anyone else signed in; 401 signed out), the town page only a coordinator of a
// municipal office (404 for a nonprofit's coordinator, as for an unknown organisation).
import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import {} from '../../../src/lib/server/db/person.ts';
import {
	requireMunicipalCoordinator,
	requirePlatformAdmin
} from '../../../src/lib/server/onboarding/guard.ts';
import { m } from '../../../src/lib/paraglide/messages.js';
import type { PersonaName } from '../fixtures.ts';
import { backends } from '../harness.ts';
import { localsFor } from '../locals.ts';
import { useWorld } from '../rls/support.ts';
import type { Refusal } from '../../../src/lib/server/http/refusals.ts';
import { refusalsDuring } from '../../support/refusals.ts';

describe.each(backends)('the onboarding guards (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	const localsOf = (who: PersonaName | null) =>
		localsFor(ctx.db.pool, who && w().people[who], who ? w().emails[who] : undefined);

	/** The status and message a guard refuses with; fails the test when it lets the person in. */
	async function refusal(
		guard: () => Promise<unknown>
	): Promise<{ status: number; message: string }> {
		try {
			await guard();
		} catch (e) {
			if (isHttpError(e)) return { status: e.status, message: e.body.message };
			throw e;
		}
		throw new Error('the guard let the person in');
	}

	/** The refusals logged while `work` runs as a request of `who`. */
	async function logged(who: PersonaName, work: () => Promise<unknown>): Promise<Refusal[]> {
		const facts = { personId: w().people[who], method: 'GET', route: '/admin' };
		return (await refusalsDuring(work, facts)).refusals;
	}

	describe('requirePlatformAdmin', () => {
		it('lets the platform admin in, and logs nothing', async () => {
			const lines = await logged('admin', async () =>
				expect(await requirePlatformAdmin(localsOf('admin'))).toBeUndefined()
			);
			expect(lines).toEqual([]);
		});

		it('refuses a signed-in person who is no platform admin with 403, and logs it', async () => {
			const lines = await logged('municipal', async () =>
				expect(await refusal(() => requirePlatformAdmin(localsOf('municipal')))).toEqual({
					status: 403,
					message: m.onboarding_admin_only()
				})
			);
			expect(lines).toEqual([
				expect.objectContaining({
					event: 'access_refused',
					person: w().people.municipal,
					request: 'GET /admin',
					what: 'platform admin pages'
				})
			]);
			expect(await refusal(() => requirePlatformAdmin(localsOf('stranger')))).toMatchObject({
				status: 403
			});
		});

		it('answers 401 when signed out', async () => {
			expect(await refusal(() => requirePlatformAdmin(localsOf(null)))).toEqual({
				status: 401,
				message: m.error_signed_out()
			});
		});
	});

	describe('requireMunicipalCoordinator', () => {
		it('lets a coordinator of the municipal office in, with the office and its town', async () => {
			const office = await requireMunicipalCoordinator(
				localsOf('municipal'),
				w().organisations.officeM1
			);
			expect(office).toMatchObject({
				id: w().organisations.officeM1,
				name: 'Freiwilligenagentur Musterstadt',
				kind: 'municipal',
				municipalityId: w().municipalities.m1
			});
			const other = await requireMunicipalCoordinator(
				localsOf('coordM2'),
				w().organisations.officeM2
			);
			expect(other.municipalityId).toBe(w().municipalities.m2);
		});

		it('answers 404 to a nonprofit’s own coordinator, as to another office’s and signed out 401', async () => {
			expect(
				await refusal(() => requireMunicipalCoordinator(localsOf('coordA'), w().organisations.orgA))
			).toEqual({ status: 404, message: m.error_not_found() });
			expect(
				await refusal(() =>
					requireMunicipalCoordinator(localsOf('coordM2'), w().organisations.officeM1)
				)
			).toMatchObject({ status: 404 });
			expect(
				await refusal(() => requireMunicipalCoordinator(localsOf(null), w().organisations.officeM1))
			).toMatchObject({ status: 401 });
		});
	});
});
