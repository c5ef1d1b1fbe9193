// Refused authorisations are logged for the operator (who, what, when): a verb's "not yours"
// refusal and a four-eyes refusal each leave one line, with the person from the request; a
// refusal that is no matter of authorisation (already reviewed) and a success leave none.
import { describe, expect, it } from 'vitest';
import { reviewLog } from '../../../src/lib/server/hours/review.ts';
import { complete } from '../../../src/lib/server/matching/verbs.ts';
import { withRequest } from '../../../src/lib/server/http/refusals.ts';
import { captureRefusals } from '../../support/refusals.ts';
import { backends } from '../harness.ts';
import { as, useWorld } from '../rls/support.ts';

describe.each(backends)('the log of refused authorisations (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;
	const logged = captureRefusals();
	const request = (personId: string) => ({
		personId,
		method: 'POST',
		route: '/(signed-in)/coordinator/[organisationId]/matches'
	});

	// Another organisation's match answers as none would (migration 20261130001000); the log
	// still names the attempt.
	it("logs another organisation's coordinator completing a match, with who and which verb", async () => {
		const result = await withRequest(request(w().people.coordB), () =>
			as(ctx, 'coordB', (tx) => complete(tx, w().matches.active))
		);
		expect(result).toEqual({ ok: false, code: 'match_not_found' });
		expect(logged()).toEqual([
			{
				event: 'access_refused',
				at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
				person: w().people.coordB,
				request: 'POST /(signed-in)/coordinator/[organisationId]/matches',
				what: expect.stringMatching(/complete.*: match_not_found$/)
			}
		]);
	});

	it('logs a helper reviewing their own hours (four eyes)', async () => {
		const input = { logId: w().hourLogs.onActive, decision: 'confirmed' as const, reason: '' };
		const result = await withRequest(request(w().people.helper), () =>
			as(ctx, 'helper', (tx) => reviewLog(tx, w().organisations.orgA, input))
		);
		expect(result).toEqual({ ok: false, code: 'own_hours' });
		expect(logged()).toMatchObject([
			{ person: w().people.helper, what: 'review hours: own_hours' }
		]);
	});

	it('logs nothing for a success, nor for a refusal that is not about who may', async () => {
		const input = { logId: w().hourLogs.onActive, decision: 'confirmed' as const, reason: '' };
		const results = await withRequest(request(w().people.coordA), () =>
			as(ctx, 'coordA', async (tx) => [
				await reviewLog(tx, w().organisations.orgA, input),
				await reviewLog(tx, w().organisations.orgA, input)
			])
		);
		expect(results).toEqual([{ ok: true }, { ok: false, code: 'hour_log_reviewed' }]);
		expect(logged()).toEqual([]);
	});
});
