import { z } from 'zod';

/**
 * The last path segment of a feed URL: the token (43 base64url characters, as newFeedToken makes
 * them), optionally followed by ".ics" for calendar apps that look at the name. Yields the token.
 */
export const feedTokenParam = z
	.string()
	.regex(/^[A-Za-z0-9_-]{43}(\.ics)?$/)
	.transform((v) => v.replace(/\.ics$/, ''));
