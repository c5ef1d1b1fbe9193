// The budget table of `npm run bench -- pages`: each figure, the bare page's, their ratio, the
// budget and whether the figure keeps it.

export type Budget = { ratioAtMost: number } | { ratioAtLeast: number } | { atMost: number };

export interface Row {
	page: string;
	figure: string;
	value: number;
	/** The bare page's figure, when there is one to compare with. */
	bare?: number;
	budget?: Budget;
	digits?: number;
}

const ratioOf = (row: Row) =>
	row.bare === undefined || row.bare === 0 ? undefined : row.value / row.bare;

function verdict(row: Row): string {
	const b = row.budget;
	if (!b) return '';
	const ratio = ratioOf(row);
	if ('atMost' in b) return row.value <= b.atMost ? 'pass' : 'FAIL';
	if (ratio === undefined) return '?';
	if ('ratioAtMost' in b) return ratio <= b.ratioAtMost ? 'pass' : 'FAIL';
	return ratio >= b.ratioAtLeast ? 'pass' : 'FAIL';
}

function budgetText(budget: Budget | undefined): string {
	if (!budget) return '—';
	if ('ratioAtMost' in budget) return `≤ ${budget.ratioAtMost}×`;
	if ('ratioAtLeast' in budget) return `≥ ${budget.ratioAtLeast}×`;
	return `≤ ${budget.atMost}`;
}

const number = (value: number | undefined, digits: number) =>
	value === undefined || Number.isNaN(value) ? '' : value.toFixed(digits);

/** Prints the rows as a Markdown table (so it can go into the README as it is). */
export function printBudgets(rows: Row[]): void {
	const header = ['page', 'figure', 'value', 'bare', 'ratio', 'budget', 'result'];
	const lines = rows.map((row) => {
		const digits = row.digits ?? 1;
		const ratio = ratioOf(row);
		return [
			row.page,
			row.figure,
			number(row.value, digits),
			number(row.bare, digits),
			ratio === undefined ? '' : `${ratio.toFixed(2)}×`,
			budgetText(row.budget),
			verdict(row)
		];
	});
	const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
	const format = (cells: string[]) =>
		`| ${cells.map((c, i) => (i >= 2 && i <= 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
	console.log(format(header));
	console.log(
		`|${widths.map((w, i) => (i >= 2 && i <= 4 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`
	);
	for (const line of lines) console.log(format(line));
	const failed = rows.filter((row) => verdict(row) === 'FAIL').length;
	console.log(
		failed === 0 ? '  all budgets kept' : `  ${failed} figure(s) over budget (marked FAIL)`
	);
}
