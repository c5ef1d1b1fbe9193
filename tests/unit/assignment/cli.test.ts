import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = 'src/lib/server/matching/assign-cli.ts';
const dir = mkdtempSync(join(tmpdir(), 'assign-cli-'));

function run(args: string[], input?: string) {
	const r = spawnSync(process.execPath, [CLI, ...args], {
		encoding: 'utf8',
		input,
		timeout: 20_000
	});
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: string): string {
	const p = join(dir, name);
	writeFileSync(p, content);
	return p;
}

const good = {
	helpers: [
		{ id: 'h1', capacity: 10 },
		{ id: 'h2', capacity: 4 }
	],
	needs: [
		{ id: 'n1', hours: 4, slots: 1 },
		{ id: 'n2', hours: 8, slots: 1 }
	],
	candidates: [
		{ need: 'n1', helper: 'h1', score: 87.5 },
		{ need: 'n1', helper: 'h2', score: 80 },
		{ need: 'n2', helper: 'h1', score: 60 }
	]
};

describe('assign CLI', { timeout: 60_000 }, () => {
	it('prints the result JSON for a good instance', () => {
		const r = run([file('good.json', JSON.stringify(good))]);
		expect(r.code).toBe(0);
		const out = JSON.parse(r.stdout);
		expect(Object.keys(out).slice(0, 3)).toEqual(['assignments', 'total', 'upperBound']);
		expect(out.total).toBe(140);
		expect(out.upperBound).toBe(140);
		expect(out.assignments).toEqual([
			{ need: 'n1', helper: 'h2' },
			{ need: 'n2', helper: 'h1' }
		]);
	});

	it('reads stdin with -', () => {
		const r = run(['-'], JSON.stringify(good));
		expect(r.code).toBe(0);
		expect(JSON.parse(r.stdout).total).toBe(140);
	});

	it('fails with exit code 1 and a message per problem', () => {
		const missing = run([join(dir, 'nope.json')]);
		expect(missing.code).toBe(1);
		expect(missing.stderr).toMatch(/file not found/);

		const notJson = run([file('bad.json', '{oops')]);
		expect(notJson.code).toBe(1);
		expect(notJson.stderr).toMatch(/not valid JSON/);

		const bad = structuredClone(good);
		bad.needs[0]!.hours = -1;
		bad.candidates.push({ need: 'n1', helper: 'h1', score: 3 });
		const invalid = run([file('invalid.json', JSON.stringify(bad))]);
		expect(invalid.code).toBe(1);
		expect(invalid.stderr.trim().split('\n')).toEqual([
			'error: needs[0].hours: must be positive (got -1)'
		]);

		const dup = structuredClone(good);
		dup.candidates.push(
			{ need: 'n1', helper: 'h1', score: 3 },
			{ need: 'n3', helper: 'h1', score: 3 }
		);
		const dupRun = run([file('dup.json', JSON.stringify(dup))]);
		expect(dupRun.code).toBe(1);
		expect(dupRun.stderr.trim().split('\n')).toEqual([
			'error: candidates[3]: duplicate pair (need "n1", helper "h1")',
			'error: candidates[4].need: unknown need id "n3"'
		]);
		expect(run([]).code).toBe(1);
	});
});
