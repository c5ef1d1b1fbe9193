// The private schema (sign-in codes, sessions, rate limits, mail outbox) is out of reach for every
// API role: permission denied, whoever asks. The ledger is append-only even for the table owner.
import { describe, expect, it } from 'vitest';
import { personaNames, privateTables } from '../fixtures.ts';
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
});
