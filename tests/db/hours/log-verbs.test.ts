// The helper's hour-log verbs beyond their refusals (corrections.test.ts): a log that is accepted
// comes back ok and is written; a correction the plausibility check refuses comes back with its
// code; an error that is no refusal is thrown, not disguised as one. Each story is rolled back.
import { describe, expect, it } from 'vitest';
import type { Tx } from '../../../src/lib/server/db/person.ts';
import { correctLog, logHours } from '../../../src/lib/server/hours/verbs.ts';
import { backends } from '../harness.ts';
import { as, useWorld } from '../rls/support.ts';

describe.each(backends)('hour-log verbs (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;
	const today = async (tx: Tx) =>
		(await tx.query<{ d: string }>(`select (now() at time zone 'Europe/Berlin')::date::text as d`))
			.rows[0]!.d;

	describe('helper', () => {
		it('logs hours on their active match: ok, and the log waits for review', async () => {
			const { result, rows } = await as(ctx, 'helper', async (tx) => {
				const day = await today(tx);
				const result = await logHours(tx, w().people.helper, {
					matchId: w().matches.active,
					workedOn: day,
					hours: 1.25,
					note: 'Vokabeln'
				});
				const { rows } = await tx.query(
					`select hours::text, note, status from public.hour_logs where match_id = $1 and note = 'Vokabeln'`,
					[w().matches.active]
				);
				return { result, rows };
			});
			expect(result).toEqual({ ok: true });
			expect(rows).toEqual([{ hours: '1.25', note: 'Vokabeln', status: 'logged' }]);
		});

		it('a correction into the future comes back as hours_in_future, nothing changed', async () => {
			const { result, rows } = await as(ctx, 'helper', async (tx) => {
				const result = await correctLog(tx, w().people.helper, {
					logId: w().hourLogs.onActive,
					workedOn: '2999-01-01',
					hours: 1,
					note: ''
				});
				const { rows } = await tx.query(
					`select hours::text, note from public.hour_logs where id = $1`,
					[w().hourLogs.onActive]
				);
				return { result, rows };
			});
			expect(result).toEqual({ ok: false, code: 'hours_in_future' });
			expect(rows).toEqual([{ hours: '1.50', note: 'Mathe' }]);
		});

		it('an error that is no refusal is thrown', async () => {
			await expect(
				as(ctx, 'helper', (tx) =>
					logHours(tx, w().people.helper, {
						matchId: w().matches.active,
						workedOn: 'kein Datum',
						hours: 1,
						note: ''
					})
				)
			).rejects.toMatchObject({ code: '22007' });
		});

		it('0 or fewer hours are refused by the table, over 24 come back as hours_exceed_day; nothing written', async () => {
			const { outcomes, rows } = await as(ctx, 'helper', async (tx) => {
				const day = await today(tx);
				const outcomes: unknown[] = [];
				for (const hours of [0, -1, 24.25]) {
					await tx.query('savepoint bad');
					outcomes.push(
						await logHours(tx, w().people.helper, {
							matchId: w().matches.active,
							workedOn: day,
							hours,
							note: 'ausser Rand'
						}).catch((error: { code?: string }) => ({ thrown: error.code }))
					);
					await tx.query('rollback to savepoint bad');
				}
				const { rows } = await tx.query(
					`select id from public.hour_logs where note = 'ausser Rand'`
				);
				return { outcomes, rows };
			});
			// The form never sends the first two (tests/unit/hours/schema.test.ts); the table's check
			// holds. Over 24 in one day is a refusal the page explains, however the hours are split.
			expect(outcomes).toEqual([
				{ thrown: '23514' },
				{ thrown: '23514' },
				{ ok: false, code: 'hours_exceed_day' }
			]);
			expect(rows).toEqual([]);
		});
	});
});
