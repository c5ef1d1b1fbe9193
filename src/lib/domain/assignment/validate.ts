// Turns untrusted JSON into an Instance, or into one readable message per problem.
import { z } from 'zod';
import type { Instance } from './types.ts';

const id = z
	.string({ error: 'must be a string id' })
	.min(1, { error: 'must be a non-empty string id' });
const positive = z
	.number({ error: 'must be a number' })
	.refine((v) => Number.isFinite(v), { error: 'must be finite' })
	.refine((v) => v > 0, { error: 'must be positive' });

const schema = z.object({
	helpers: z.array(z.object({ id, capacity: positive }), { error: 'must be an array of helpers' }),
	needs: z.array(
		z.object({
			id,
			hours: positive,
			slots: z
				.number({ error: 'must be a number' })
				.refine((v) => Number.isInteger(v) && v > 0, { error: 'must be a positive integer' })
		}),
		{ error: 'must be an array of needs' }
	),
	candidates: z.array(
		z.object({
			need: id,
			helper: id,
			score: z
				.number({ error: 'must be a number' })
				.refine((v) => Number.isFinite(v), { error: 'must be finite' })
				.refine((v) => v >= 0, { error: 'must not be negative' })
		}),
		{ error: 'must be an array of candidates' }
	),
	conflicts: z
		.array(z.object({ a: id, b: id }), { error: 'must be an array of need pairs' })
		.optional()
});

export type Validation = { ok: true; instance: Instance } | { ok: false; errors: string[] };

export function parseInstance(text: string): Validation {
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch (e) {
		return { ok: false, errors: [`input is not valid JSON: ${(e as Error).message}`] };
	}
	return validateInstance(raw);
}

export function validateInstance(raw: unknown): Validation {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
		return {
			ok: false,
			errors: ['input must be a JSON object with helpers, needs and candidates']
		};
	const parsed = schema.safeParse(raw);
	if (!parsed.success) {
		const errors = parsed.error.issues.map((i) => `${formatPath(i.path)}: ${describe(i, raw)}`);
		return { ok: false, errors: dedupe(errors) };
	}
	const inst = parsed.data;
	const errors: string[] = [];
	const helperIds = duplicates(
		inst.helpers.map((h) => h.id),
		'helper',
		errors
	);
	const needIds = duplicates(
		inst.needs.map((n) => n.id),
		'need',
		errors
	);
	const pairs = new Set<string>();
	inst.candidates.forEach((c, i) => {
		if (!needIds.has(c.need)) errors.push(`candidates[${i}].need: unknown need id "${c.need}"`);
		if (!helperIds.has(c.helper))
			errors.push(`candidates[${i}].helper: unknown helper id "${c.helper}"`);
		const key = JSON.stringify([c.need, c.helper]);
		if (pairs.has(key))
			errors.push(`candidates[${i}]: duplicate pair (need "${c.need}", helper "${c.helper}")`);
		pairs.add(key);
	});
	(inst.conflicts ?? []).forEach((c, i) => {
		for (const side of ['a', 'b'] as const)
			if (!needIds.has(c[side]))
				errors.push(`conflicts[${i}].${side}: unknown need id "${c[side]}"`);
	});
	if (errors.length > 0) return { ok: false, errors };
	// Copy only known fields so extra properties never leak into the solver.
	return {
		ok: true,
		instance: {
			helpers: inst.helpers.map((h) => ({ id: h.id, capacity: h.capacity })),
			needs: inst.needs.map((n) => ({ id: n.id, hours: n.hours, slots: n.slots })),
			candidates: inst.candidates.map((c) => ({ need: c.need, helper: c.helper, score: c.score })),
			...(inst.conflicts ? { conflicts: inst.conflicts.map((c) => ({ a: c.a, b: c.b })) } : {})
		}
	};
}

function duplicates(ids: string[], kind: string, errors: string[]): Set<string> {
	const seen = new Set<string>();
	for (const id of ids) {
		if (seen.has(id)) errors.push(`${kind}s: duplicate ${kind} id "${id}"`);
		seen.add(id);
	}
	return seen;
}

function formatPath(path: PropertyKey[]): string {
	let out = '';
	for (const k of path) out += typeof k === 'number' ? `[${k}]` : out ? `.${String(k)}` : String(k);
	return out || 'input';
}

function describe(issue: z.core.$ZodIssue, raw: unknown): string {
	if (issue.code === 'invalid_type' && valueAt(raw, issue.path) === undefined) return 'is missing';
	const got = valueAt(raw, issue.path);
	if (typeof got === 'number' && !Number.isFinite(got)) return `must be finite (got ${got})`;
	const shown =
		typeof got === 'number'
			? ` (got ${got})`
			: typeof got === 'string'
				? ` (got ${JSON.stringify(got)})`
				: '';
	return `${issue.message}${shown}`;
}

function valueAt(raw: unknown, path: PropertyKey[]): unknown {
	let v: unknown = raw;
	for (const k of path)
		v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
	return v;
}

function dedupe(list: string[]): string[] {
	return [...new Set(list)];
}
