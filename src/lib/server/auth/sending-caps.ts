// Whether an address may be sent another sign-in code (email-code.ts, requestCode): the caps per
// browser, per client and over all clients, and a known-browser mark's allowance, all counted from
// the code rows of the last day in one statement, inside the request's transaction (which holds
// the address's advisory lock, so parallel requests cannot overrun them).
import type { Tx } from '../db/person.ts';
import type { SignInLimits } from './config.ts';

export interface CodeAsker {
	email: string;
	/** The browser's binding (pre-sign-in.ts). */
	binding: string;
	/** The client's keyed hash (client-key.ts). */
	client: string;
	/** The hash of the live known-browser mark the browser holds for the address, or null. */
	mark: string | null;
}

/** A mark spares the caps over all clients while its own, over all its clients, are not spent. */
const withinMarkAllowance = (limits: SignInLimits, sent: number, wrong: number) =>
	sent < limits.perAddress.max && wrong < limits.wrongPerAddressPerDay;

/** Why no code may be sent now (`rate_limited`: too many sent; `daily_limit`: too many wrong), or null. */
export async function sendingRefusal(
	tx: Tx,
	limits: SignInLimits,
	{ email, binding, client, mark }: CodeAsker
): Promise<'rate_limited' | 'daily_limit' | null> {
	const { rows: counts } = await tx.query<{
		browser_sent: number;
		client_sent: number;
		address_sent: number;
		mark_sent: number;
		client_wrong: number;
		address_wrong: number;
		mark_wrong: number;
	}>(
		`select count(*) filter (where binding_hash = $2
		          and created_at > now() - make_interval(mins => $4))::int as browser_sent,
		        count(*) filter (where client_hash = $3
		          and created_at > now() - make_interval(mins => $5))::int as client_sent,
		        count(*) filter (where created_at > now() - make_interval(mins => $6))::int as address_sent,
		        count(*) filter (where known_browser_hash = $7
		          and created_at > now() - make_interval(mins => $5))::int as mark_sent,
		        coalesce(sum(attempts) filter (where client_hash = $3), 0)::int as client_wrong,
		        coalesce(sum(attempts), 0)::int as address_wrong,
		        coalesce(sum(attempts) filter (where known_browser_hash = $7), 0)::int as mark_wrong
		 from private.sign_in_codes
		 where email = $1 and created_at > now() - interval '1 day'`,
		[
			email,
			binding,
			client,
			limits.perBrowser.minutes,
			limits.perAddress.minutes,
			limits.perAddressAllClients.minutes,
			mark
		]
	);
	const c = counts[0]!;
	const known = mark !== null && withinMarkAllowance(limits, c.mark_sent, c.mark_wrong);
	if (
		c.browser_sent >= limits.perBrowser.max ||
		c.client_sent >= limits.perAddress.max ||
		(!known && c.address_sent >= limits.perAddressAllClients.max)
	)
		return 'rate_limited';
	if (
		c.client_wrong >= limits.wrongPerAddressPerDay ||
		(!known && c.address_wrong >= limits.wrongPerAddressAllClientsPerDay)
	)
		return 'daily_limit';
	return null;
}
