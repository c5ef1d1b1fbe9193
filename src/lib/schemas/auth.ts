import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';

// Messages are functions, so they are rendered in the request's locale when parsing.
export const emailSchema = z
	.string({ error: () => m.validation_email() })
	.trim()
	.toLowerCase()
	.max(254, { error: () => m.validation_email() })
	.pipe(z.email({ error: () => m.validation_email() }));

export const requestCodeSchema = z.object({ email: emailSchema });

export const verifyCodeSchema = z.object({
	email: emailSchema,
	code: z
		.string({ error: () => m.validation_code() })
		.trim()
		.regex(/^[0-9]{6}$/, { error: () => m.validation_code() })
});

/**
 * Only local paths, so `next` can never send a person to another site; printable ASCII only,
 * because a Location header cannot carry anything else (percent-encoded paths still pass).
 */
export const nextPathSchema = z
	.string()
	.regex(/^\/(?!\/)[!-[\]-~]*$/)
	.catch('/profile');
