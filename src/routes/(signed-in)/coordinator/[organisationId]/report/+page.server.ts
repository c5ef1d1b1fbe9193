import { protectSmallGroups } from '$lib/domain/reports/report';
import { readQuery, requireReportReader } from '$lib/server/reports/page';
import { townReport } from '$lib/server/reports/town-report';
import type { PageServerLoad } from './$types';

// A GET form: the period and filters are in the address, so the report, its exports and its
// print view can be bookmarked. Bad input: the messages, and no report query.
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { organisation, districts } = await requireReportReader(locals, params.organisationId);
	const read = readQuery(url, districts);
	if (!read.ok) {
		return { organisation, districts, values: read.values, errors: read.errors, report: null };
	}
	// Counts of one to four people never leave the server as numbers.
	const report = protectSmallGroups(
		await locals.db((tx) => townReport(tx, organisation.id, read.query))
	);
	return { organisation, districts, values: read.values, errors: {}, report };
};
