// The report pages' shared server part (src/lib/server/reports/page.ts) on both backends: who may
// open a town's report (a coordinator of its municipal office; 403, logged, for a nonprofit's own
// coordinator; 404 for anyone else; 401 signed out) with the town's districts for the filter, and
// the query read from the address — the defaults, the values echoed for the form, and refusals.
import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import {} from '../../../src/lib/server/db/person.ts';
import { addMonths, berlinToday, monthOf } from '../../../src/lib/domain/hours/month.ts';
import { m } from '../../../src/lib/paraglide/messages.js';
import { lastDayOf } from '../../../src/lib/schemas/report.ts';
import {
	QUERY_FIELDS,
	readQuery,
	requireReportReader
} from '../../../src/lib/server/reports/page.ts';
import type { PersonaName } from '../fixtures.ts';
import { backends } from '../harness.ts';
import { localsFor } from '../locals.ts';
import { useWorld } from '../rls/support.ts';
import { refusalsDuring } from '../../support/refusals.ts';

const REPORT = 'https://zeitspende.example/coordinator/x/report';

describe.each(backends)('the report pages’ guard and query (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	const localsOf = (who: PersonaName | null) =>
		localsFor(ctx.db.pool, who && w().people[who], who ? w().emails[who] : undefined);

	async function refusal(
		who: PersonaName | null,
		organisationId: string
	): Promise<{ status: number; message: string }> {
		try {
			await requireReportReader(localsOf(who), organisationId);
		} catch (e) {
			if (isHttpError(e)) return { status: e.status, message: e.body.message };
			throw e;
		}
		throw new Error('requireReportReader let the person in');
	}

	describe('requireReportReader', () => {
		it('lets a coordinator of the municipal office in, with the office and its town’s districts by name', async () => {
			const { rows } = await ctx.db.pool.query<{ id: string }>(
				`insert into public.districts (municipality_id, name, centre_lat, centre_lng)
				 values ($1, 'Ahornviertel', 52.03, 8.54) returning id`,
				[w().municipalities.m1]
			);
			const access = await requireReportReader(localsOf('municipal'), w().organisations.officeM1);
			expect(access.organisation).toMatchObject({
				id: w().organisations.officeM1,
				kind: 'municipal'
			});
			expect(access.districts).toEqual([
				{ id: rows[0]!.id, name: 'Ahornviertel' },
				{ id: w().districts.d1, name: 'Altstadt' }
			]);
			const other = await requireReportReader(localsOf('coordM2'), w().organisations.officeM2);
			expect(other.districts).toEqual([{ id: w().districts.d2, name: 'Ortskern' }]);
		});

		it('refuses a nonprofit’s own coordinator with 403, and logs it', async () => {
			const { result, refusals } = await refusalsDuring(
				() => refusal('coordA', w().organisations.orgA),
				{ personId: w().people.coordA, method: 'GET', route: '/report' }
			);
			expect(result).toEqual({ status: 403, message: m.report_error_not_municipal() });
			expect(refusals).toEqual([
				expect.objectContaining({
					person: w().people.coordA,
					what: `town report of nonprofit ${w().organisations.orgA}`
				})
			]);
		});

		it('answers 404 to another office’s coordinator and 401 signed out', async () => {
			expect(await refusal('coordM2', w().organisations.officeM1)).toMatchObject({ status: 404 });
			expect(await refusal('stranger', w().organisations.officeM1)).toMatchObject({
				status: 404
			});
			expect(await refusal(null, w().organisations.officeM1)).toMatchObject({ status: 401 });
		});
	});

	describe('readQuery', () => {
		const districts = [{ id: 'd-eins' }, { id: 'd-zwei' }];
		const url = (params: Record<string, string>) =>
			new URL(`${REPORT}?${new URLSearchParams(params).toString()}`);

		it('reads an empty address as the last twelve months by month, unfiltered', () => {
			const thisMonth = monthOf(berlinToday());
			const from = addMonths(thisMonth, -11);
			expect(readQuery(url({}), districts)).toEqual({
				ok: true,
				query: {
					from,
					to: lastDayOf(thisMonth),
					by: 'month',
					district: null,
					category: null,
					targetGroup: null
				},
				values: {
					from: from.slice(0, 7),
					to: thisMonth.slice(0, 7),
					by: 'month',
					district: '',
					category: '',
					target_group: ''
				}
			});
		});

		it('reads every field, and gives the form back what it read', () => {
			const params = {
				from: '2025-01',
				to: '2025-06',
				by: 'quarter',
				district: 'd-zwei',
				category: 'homework',
				target_group: 'youth'
			};
			expect(readQuery(url(params), districts)).toEqual({
				ok: true,
				query: {
					from: '2025-01-01',
					to: '2025-06-30',
					by: 'quarter',
					district: 'd-zwei',
					category: 'homework',
					targetGroup: 'youth'
				},
				values: params
			});
			expect(QUERY_FIELDS).toEqual(Object.keys(params));
		});

		it('refuses a period that ends before it begins, with the values as typed', () => {
			expect(readQuery(url({ from: '2025-06', to: '2025-01' }), districts)).toEqual({
				ok: false,
				errors: { to: [m.report_error_order()] },
				values: {
					from: '2025-06',
					to: '2025-01',
					by: '',
					district: '',
					category: '',
					target_group: ''
				}
			});
		});

		it('refuses a district of another town and an unknown grouping', () => {
			const read = readQuery(url({ district: 'd-drei', by: 'week' }), districts);
			expect(read).toEqual({
				ok: false,
				errors: {
					by: [m.report_error_unknown_value()],
					district: [m.report_error_unknown_value()]
				},
				values: {
					from: '',
					to: '',
					by: 'week',
					district: 'd-drei',
					category: '',
					target_group: ''
				}
			});
		});
	});
});
