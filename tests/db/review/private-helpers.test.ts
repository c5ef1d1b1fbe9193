// Review fix 5: the private definer helpers answer only for the caller's own organisations.
// committed_hours is for the definer verbs and the system alone; is_pool_member and may_inspect
// (called by policies as the person) say false for any organisation the caller does not coordinate.
import { describe, expect, it } from 'vitest';
import { personaNames, type PersonaName } from '../fixtures.ts';
import { backends } from '../harness.ts';
import { expectDenied, run, useWorld } from '../rls/support.ts';

describe.each(backends)('private helpers (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	const ask = async (who: PersonaName | 'system', sql: string, params: unknown[]) =>
		(await run(ctx, who, `select ${sql} as answer`, params)).rows[0]!.answer as unknown;

	describe.each(personaNames)('%s', (who) => {
		it("cannot ask for a helper's committed hours (no grant)", async () => {
			await expectDenied(
				run(ctx, who, `select private.committed_hours($1, '2026-12-01')`, [w().people.helper]),
				'privilege'
			);
		});
	});

	describe('system', () => {
		it("reads a helper's committed hours (the batch job and the verbs need them)", async () => {
			expect(
				Number(
					await ask('system', `private.committed_hours($1, '2026-12-01')`, [w().people.helper])
				)
			).toBe(2);
		});
	});

	describe('is_pool_member', () => {
		const isMember = (who: PersonaName, organisation: string, person: string) =>
			ask(who, 'private.is_pool_member($1, $2)', [organisation, person]);

		it("coordinator of A: true for A's helper", async () => {
			expect(await isMember('coordA', w().organisations.orgA, w().people.helper)).toBe(true);
		});

		it("coordinator of B, municipal coordinator, helper, stranger: false for A's helper", async () => {
			for (const who of ['coordB', 'municipal', 'coordM2', 'helper', 'stranger'] as const) {
				expect({
					who,
					answer: await isMember(who, w().organisations.orgA, w().people.helper)
				}).toEqual({ who, answer: false });
			}
		});
	});

	describe('may_inspect', () => {
		const mayInspect = (who: PersonaName, organisation: string, person: string) =>
			ask(who, 'private.may_inspect($1, $2)', [organisation, person]);

		it("coordinator of A: for A's helper, not for B's", async () => {
			expect(await mayInspect('coordA', w().organisations.orgA, w().people.helper)).toBe(true);
			expect(await mayInspect('coordA', w().organisations.orgA, w().people.helper2)).toBe(false);
		});

		it("municipal coordinator of M1's office: for helpers of any pool in M1 (the town inspects)", async () => {
			expect(await mayInspect('municipal', w().organisations.officeM1, w().people.helper)).toBe(
				true
			);
			expect(await mayInspect('municipal', w().organisations.officeM1, w().people.helper2)).toBe(
				true
			);
		});

		it('nobody answers for an organisation they do not coordinate', async () => {
			for (const [who, organisation] of [
				['coordB', w().organisations.orgA],
				['coordA', w().organisations.officeM1],
				['coordM2', w().organisations.officeM1],
				['stranger', w().organisations.officeM1],
				['helper', w().organisations.orgA]
			] as const) {
				expect({ who, answer: await mayInspect(who, organisation, w().people.helper) }).toEqual({
					who,
					answer: false
				});
			}
		});
	});
});
