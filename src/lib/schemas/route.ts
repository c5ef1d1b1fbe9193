import { z } from 'zod';

/**
 * An id in a URL's path. Built once: building a zod schema costs several times parsing with it,
 * and the coordinator's pages check two ids on every request.
 */
export const pathId = z.uuid();
