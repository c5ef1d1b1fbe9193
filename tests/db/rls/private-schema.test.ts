// The private schema (sign-in codes, sessions, rate limits, mail outbox) is out of reach for every
// API role: permission denied, whoever asks. The ledger is append-only even for the table owner.
// Of the private helper functions, committed_hours is for the definer verbs and the system alone;
// is_pool_member and may_inspect (called by policies as the person) answer only for the caller's
// own organisations and say false for any organisation the caller does not coordinate.
import { describe, expect, it } from 'vitest';
import { personaNames, privateTables, type PersonaName } from '../fixtures.ts';
import { backends } from '../harness.ts';
import { expectDenied, run, useWorld, type Who } from './support.ts';

const everyone: Who[] = ['anonymous', ...personaNames];
const labels: Record<Who, string> = {
	anonymous: 'anonymous',
	helper: 'helper',
	helper2: 'helper of nonprofit B',
	coordA: 'coordinator of nonprofit A',
	coordB: 'coordinator of nonprofit B',
	municipal: 'municipal coordinator',
	coordM2: 'coordinator of another municipality',
	stranger: 'stranger',
	admin: 'platform admin'
};

describe.each(backends)('private schema (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	const ask = async (who: PersonaName | 'system', sql: string, params: unknown[]) =>
		(await run(ctx, who, `select ${sql} as answer`, params)).rows[0]!.answer as unknown;

	describe.each(everyone.map((who) => [labels[who], who] as const))('%s', (_label, who) => {
		it.each(privateTables)('is refused private.%s for reading and writing', async (table) => {
			await expectDenied(run(ctx, who, `select * from private.${table}`), 'privilege');
			await expectDenied(run(ctx, who, `insert into private.${table} default values`), 'privilege');
			await expectDenied(run(ctx, who, `delete from private.${table}`), 'privilege');
		});

		it('cannot count sign-in attempts itself', async () => {
			await expectDenied(
				run(ctx, who, `select private.hit_rate_limit('x', interval '1 minute', 5)`),
				'privilege'
			);
		});

		it("cannot ask for a helper's committed hours (no grant)", async () => {
			await expectDenied(
				run(ctx, who, `select private.committed_hours($1, current_date + 30)`, [w().people.helper]),
				'privilege'
			);
		});
	});

	describe('system (table owner)', () => {
		it('reaches the private tables', async () => {
			const { rows } = await run(
				ctx,
				'system',
				`select count(*)::int as n from private.sessions where user_id = $1`,
				[ctx.world.people.helper]
			);
			expect(rows).toEqual([{ n: 0 }]);
		});

		it("reads a helper's committed hours (the batch job and the verbs need them)", async () => {
			expect(
				Number(
					await ask('system', `private.committed_hours($1, current_date + 30)`, [w().people.helper])
				)
			).toBe(2);
		});

		it('cannot delete or rewrite a ledger event, only blank a person in it (erasure)', async () => {
			const id = ctx.world.events.aMatchProposed;
			const refused = { raised: 'involvement_events_append_only' };
			await expectDenied(
				run(ctx, 'system', `delete from public.involvement_events where id = $1`, [id]),
				refused
			);
			await expectDenied(
				run(
					ctx,
					'system',
					`update public.involvement_events set municipal_role = 'co_produced' where id = $1`,
					[id]
				),
				refused
			);
			await expectDenied(
				run(ctx, 'system', `update public.involvement_events set helper_id = $2 where id = $1`, [
					id,
					ctx.world.people.helper2
				]),
				refused
			);
			const { rows } = await run(
				ctx,
				'system',
				`update public.involvement_events set helper_id = null, actor_id = null where id = $1 returning kind`,
				[id]
			);
			expect(rows).toEqual([{ kind: 'match_proposed' }]);
		});
	});

	describe('is_pool_member, as policies ask it', () => {
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

	describe('may_inspect, as policies ask it', () => {
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
