// A coordinator's review through the server's verbs, as the review page runs them: the logs
// waiting in their organisation, confirm or reject once, never another organisation's log and
// never one's own hours.
import { describe, expect, it } from 'vitest';
import { confirmLogs, logsToReview, reviewLog } from '../../../src/lib/server/hours/review.ts';
import { backends } from '../harness.ts';
import { as, useWorld } from '../rls/support.ts';

describe.each(backends)('reviewing hours through the page verbs (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	it("lists only the organisation's logs that wait for review", async () => {
		const a = await as(ctx, 'coordA', (tx) => logsToReview(tx, w().organisations.orgA));
		expect(a.map((l) => [l.id, l.hours, l.note])).toEqual([[w().hourLogs.onActive, 1.5, 'Mathe']]);
		expect(await as(ctx, 'coordB', (tx) => logsToReview(tx, w().organisations.orgA))).toEqual([]);
	});

	it('confirms once, stamped with the reviewer; a second review is refused', async () => {
		const seen = await as(ctx, 'coordA', async (tx) => {
			const input = { logId: w().hourLogs.onActive, decision: 'confirmed' as const, reason: '' };
			const first = await reviewLog(tx, w().organisations.orgA, input);
			const again = await reviewLog(tx, w().organisations.orgA, {
				...input,
				decision: 'rejected',
				reason: 'doch nicht'
			});
			const { rows } = await tx.query(
				`select status, reviewed_by, review_note from hour_logs where id = $1`,
				[w().hourLogs.onActive]
			);
			return { first, again, row: rows[0] };
		});
		expect(seen).toEqual({
			first: { ok: true },
			again: { ok: false, code: 'hour_log_reviewed' },
			row: { status: 'confirmed', reviewed_by: w().people.coordA, review_note: null }
		});
	});

	it('rejects with the reason the helper reads', async () => {
		const row = await as(ctx, 'coordA', async (tx) => {
			await reviewLog(tx, w().organisations.orgA, {
				logId: w().hourLogs.onActive,
				decision: 'rejected',
				reason: 'An dem Tag war geschlossen.'
			});
			return (
				await tx.query(`select status, review_note from hour_logs where id = $1`, [
					w().hourLogs.onActive
				])
			).rows[0];
		});
		expect(row).toEqual({ status: 'rejected', review_note: 'An dem Tag war geschlossen.' });
	});

	it("refuses another organisation's coordinator and the helper themselves, writing nothing", async () => {
		const input = { logId: w().hourLogs.onActive, decision: 'confirmed' as const, reason: '' };
		const other = await as(ctx, 'coordB', async (tx) => ({
			result: await reviewLog(tx, w().organisations.orgA, input)
		}));
		const own = await as(ctx, 'helper', async (tx) => ({
			result: await reviewLog(tx, w().organisations.orgA, input),
			status: (await tx.query(`select status from hour_logs where id = $1`, [input.logId])).rows[0]
				?.status
		}));
		expect(other).toEqual({ result: { ok: false, code: 'not_allowed' } });
		expect(own).toEqual({ result: { ok: false, code: 'own_hours' }, status: 'logged' });
	});

	it('refuses the town, which reads the log but does not review it', async () => {
		const input = { logId: w().hourLogs.onActive, decision: 'confirmed' as const, reason: '' };
		const town = await as(ctx, 'municipal', async (tx) => ({
			result: await reviewLog(tx, w().organisations.orgA, input),
			status: (await tx.query(`select status from hour_logs where id = $1`, [input.logId])).rows[0]
				?.status
		}));
		expect(town).toEqual({ result: { ok: false, code: 'not_allowed' }, status: 'logged' });
	});

	it('throws what is not a refusal (a malformed id) instead of calling it one', async () => {
		await expect(
			as(ctx, 'coordA', (tx) =>
				reviewLog(tx, w().organisations.orgA, {
					logId: 'not-a-uuid',
					decision: 'confirmed',
					reason: ''
				})
			)
		).rejects.toThrow(/uuid/);
	});

	it('confirms several at once, each on its own: a reviewed one is refused, the others go through', async () => {
		const seen = await as(ctx, 'coordA', async (tx) => {
			const result = await confirmLogs(tx, w().organisations.orgA, [
				w().hourLogs.onCompleted,
				w().hourLogs.onActive
			]);
			const { rows } = await tx.query(`select status, review_note from hour_logs where id = $1`, [
				w().hourLogs.onActive
			]);
			return { result, row: rows[0] };
		});
		expect(seen).toEqual({
			result: {
				confirmed: 1,
				refused: [{ logId: w().hourLogs.onCompleted, code: 'hour_log_reviewed' }]
			},
			// Confirming a month at once leaves no note on any log.
			row: { status: 'confirmed', review_note: null }
		});
	});
});
