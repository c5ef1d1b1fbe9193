// `npm run assign -- <instance.json | ->`: solves a batch assignment instance and prints JSON.
// Exit code 1 with one line per problem on stderr for unreadable or invalid input.
import { readFileSync } from 'node:fs';
import { solveAssignment } from '../../domain/assignment/solve.ts';
import { parseInstance } from '../../domain/assignment/validate.ts';

function fail(lines: string[]): never {
	for (const line of lines) process.stderr.write(`error: ${line}\n`);
	process.exit(1);
}

const args = process.argv.slice(2);
let timeBudgetMs = 3500;
const paths: string[] = [];
for (let i = 0; i < args.length; i++) {
	const a = args[i]!;
	if (a === '--time-ms') {
		timeBudgetMs = Number(args[++i]);
		if (!(timeBudgetMs > 0)) fail(['--time-ms needs a positive number of milliseconds']);
	} else if (a === '-h' || a === '--help') {
		process.stdout.write('usage: npm run assign -- [--time-ms N] <instance.json | ->\n');
		process.exit(0);
	} else paths.push(a);
}
if (paths.length !== 1)
	fail([
		'expected exactly one instance file (use - for stdin); usage: npm run assign -- <instance.json>'
	]);
const path = paths[0]!;

let text: string;
try {
	text = readFileSync(path === '-' ? 0 : path, 'utf8');
} catch (e) {
	const code = (e as NodeJS.ErrnoException).code;
	fail([
		code === 'ENOENT' ? `file not found: ${path}` : `cannot read ${path}: ${(e as Error).message}`
	]);
}

const parsed = parseInstance(text);
if (!parsed.ok) fail(parsed.errors);
const r = solveAssignment(parsed.instance, { timeBudgetMs });
const out = {
	assignments: r.assignments,
	total: r.total,
	upperBound: r.upperBound,
	greedyTotal: r.greedyTotal,
	optimal: r.optimal
};
process.stdout.write(JSON.stringify(out, null, 2) + '\n');
