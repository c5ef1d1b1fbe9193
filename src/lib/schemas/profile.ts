import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { plainText } from './text.ts';

export const localeSchema = z.enum(['de', 'en'], { error: () => m.validation_locale() });

export const profileSchema = z.object({
	displayName: plainText().pipe(
		z
			.string()
			.min(2, { error: () => m.validation_display_name() })
			.max(80, { error: () => m.validation_display_name() })
			// at least one letter: a name of dots or dashes names nobody
			.regex(/\p{L}/u, { error: () => m.validation_display_name() })
	),
	phone: z
		.string()
		.trim()
		.max(30, { error: () => m.validation_phone() })
		.regex(/^$|^[0-9 +()/-]{5,30}$/, { error: () => m.validation_phone() })
		.transform((v) => (v === '' ? null : v)),
	locale: localeSchema
});

export type ProfileInput = z.infer<typeof profileSchema>;
