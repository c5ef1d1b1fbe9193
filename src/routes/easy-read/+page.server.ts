import { operator } from '$lib/server/operator-env';
import type { PageServerLoad } from './$types';

/** Public, no sign-in: the operator's details from configuration. */
export const load: PageServerLoad = () => ({ operator: operator() });
