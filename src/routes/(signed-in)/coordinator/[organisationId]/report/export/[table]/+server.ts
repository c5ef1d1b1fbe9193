// CSV of one table of the report, or of its anonymous match-level rows: the same query as the
// page (from the address), the same checks (the page's guard, then the database's). Bad input:
// 400 with the message as plain text, and no report query.
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { readQuery, requireReportReader } from '$lib/server/reports/page';
import { townReport, townReportMatches } from '$lib/server/reports/town-report';
import {
	matchRowsCsv,
	REPORT_TABLES,
	reportTables,
	toCsv,
	type ReportTable
} from '$lib/server/reports/csv';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params, url }) => {
	const table = (params.table ?? '').replace(/\.csv$/, '') as ReportTable;
	if (!REPORT_TABLES.includes(table)) error(404, m.error_not_found());
	const { organisation, districts } = await requireReportReader(locals, params.organisationId);
	const read = readQuery(url, districts);
	if (!read.ok) {
		return new Response([...new Set(Object.values(read.errors).flat())].join(' ') + '\n', {
			status: 400,
			headers: { 'content-type': 'text/plain; charset=utf-8' }
		});
	}
	const q = read.query;
	const csv = await locals.db(async (tx) => {
		if (table === 'matches') return matchRowsCsv(await townReportMatches(tx, organisation.id, q));
		const t = reportTables(await townReport(tx, organisation.id, q))[table]!;
		return toCsv(t.header, t.rows);
	});
	const name = `bericht-${table}-${q.from.slice(0, 7)}-${q.to.slice(0, 7)}.csv`;
	// A byte order mark, so spreadsheet programs read the umlauts of district names right.
	return new Response(`\uFEFF${csv}`, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
