// The fixed vocabularies that forms and pages list: kept free of zod, so the pages that show them
// as checkboxes do not carry the validation library to the browser (src/lib/schemas re-exports
// them for the server's schemas).

export const CATEGORIES = ['errands', 'homework', 'advice', 'digital', 'company'] as const;
export const TARGET_GROUPS = ['children', 'youth', 'seniors'] as const;
/** Languages offered as checkboxes; any other ISO code can be typed. */
export const COMMON_LANGUAGES = ['de', 'en', 'tr', 'ar', 'ru', 'uk', 'pl', 'fr', 'es', 'it'];
/** A need's hours: once, or every month. */
export const CADENCES = ['one_off', 'monthly'] as const;
