import type { z } from 'zod';

export type FieldErrors = Record<string, string[]>;

/** Parses FormData with a schema; on failure returns per-field messages for fail(400, …). */
export function parseForm<S extends z.ZodType>(
	schema: S,
	data: FormData
): { ok: true; value: z.infer<S> } | { ok: false; errors: FieldErrors } {
	return parseValues(schema, Object.fromEntries([...data.keys()].map((k) => [k, data.get(k)])));
}

/** parseForm for values already read from the form (e.g. with repeated fields as arrays). */
export function parseValues<S extends z.ZodType>(
	schema: S,
	raw: unknown
): { ok: true; value: z.infer<S> } | { ok: false; errors: FieldErrors } {
	const result = schema.safeParse(raw);
	if (result.success) return { ok: true, value: result.data };
	const errors: FieldErrors = {};
	for (const issue of result.error.issues) {
		const key = String(issue.path[0] ?? 'form');
		(errors[key] ??= []).push(issue.message);
	}
	return { ok: false, errors };
}
