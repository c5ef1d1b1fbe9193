import { operator } from '$lib/server/operator-env';
import type { PageServerLoad } from './$types';

/** Public, no sign-in: the operator's details from configuration, and this site's address. */
export const load: PageServerLoad = ({ url }) => ({ operator: operator(), site: url.origin });
