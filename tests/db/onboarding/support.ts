// Helpers shared by the onboarding db tests: a new account as sign-in makes it, acting as it, and
// the footprint of every table an onboarding verb may write (read as the system, same transaction).
import { randomUUID } from 'node:crypto';
import { actAs, type Actor, type Context } from '../rls/support.ts';
import type { Tx } from '../../../src/lib/server/db/person.ts';

export const ORIGIN = 'https://zeitspende.example';

export const newAddress = () => `neu-${randomUUID().slice(0, 8)}@example.org`;

/** The account's creation as sign-in makes it: an auth.users row (the triggers do the rest). */
export async function signUp(ctx: Context, tx: Tx, email: string): Promise<string> {
	await actAs(ctx, tx, 'system');
	const { rows } = await tx.query<{ id: string }>(
		`insert into auth.users (id, email, last_sign_in_at) values ($1, $2, now()) returning id`,
		[randomUUID(), email]
	);
	return rows[0]!.id;
}

/** Acts as a person who is not one of the world's personas (a new account). */
export async function actAsNew(tx: Tx, id: string): Promise<void> {
	await tx.query('reset role');
	await tx.query(`select set_config('request.jwt.claims', $1, true)`, [
		JSON.stringify({ sub: id, role: 'authenticated' })
	]);
	await tx.query('set local role authenticated');
}

export interface Footprint {
	municipalities: number;
	organisations: number;
	districts: number;
	invitations: number;
	memberships: number;
	mails: number;
	policies: string;
	districtRows: string;
}

/** Everything an onboarding verb may have written; then acts as `back` again. */
export async function footprint(ctx: Context, tx: Tx, back: Actor): Promise<Footprint> {
	await actAs(ctx, tx, 'system');
	const { rows } = await tx.query<Footprint>(
		`select (select count(*)::int from public.municipalities) as municipalities,
		        (select count(*)::int from public.organisations) as organisations,
		        (select count(*)::int from public.districts) as districts,
		        (select count(*)::int from public.coordinator_invitations) as invitations,
		        (select count(*)::int from public.memberships) as memberships,
		        (select count(*)::int from private.outbox) as mails,
		        (select string_agg(concat_ws(',', id, nonprofit_needs_need_approval, minor_matches_need_approval,
		                municipality_inspects_72a), ';' order by id) from public.municipalities) as policies,
		        (select string_agg(concat_ws(',', id, name, centre_lat, centre_lng), ';' order by id)
		           from public.districts) as "districtRows"`
	);
	await actAs(ctx, tx, back);
	return rows[0]!;
}
