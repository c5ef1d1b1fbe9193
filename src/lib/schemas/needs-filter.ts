import { z } from 'zod';
import { CATEGORIES, TARGET_GROUPS } from './offer.ts';

/**
 * The filters of "needs that fit me", read from the query string. An unknown value is ignored
 * rather than refused: a stale bookmark still opens the list.
 */
export const needsFilterSchema = z.object({
	category: z.enum(CATEGORIES).optional().catch(undefined),
	targetGroup: z.enum(TARGET_GROUPS).optional().catch(undefined)
});

export type NeedsFilter = z.infer<typeof needsFilterSchema>;
