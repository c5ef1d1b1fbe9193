import type { z } from 'zod';

export type FieldErrors = Record<string, string[]>;

/** Parses FormData with a schema; on failure returns per-field messages for fail(400, …). */
export function parseForm<S extends z.ZodType>(
	schema: S,
	data: FormData
): { ok: true; value: z.infer<S> } | { ok: false; errors: FieldErrors } {
	const raw = Object.fromEntries([...data.keys()].map((k) => [k, data.get(k)]));
	const result = schema.safeParse(raw);
	if (result.success) return { ok: true, value: result.data };
	const errors: FieldErrors = {};
	for (const issue of result.error.issues) {
		const key = String(issue.path[0] ?? 'form');
		(errors[key] ??= []).push(issue.message);
	}
	return { ok: false, errors };
}
