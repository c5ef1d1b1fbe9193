// A person's own profile: what they see on /profile and may change. Runs as the person.
import type { Tx } from '../db/person.ts';
import type { ProfileInput } from '$lib/schemas/profile';

export interface Membership {
	organisationId: string;
	organisationName: string;
	kind: 'municipal' | 'nonprofit';
	municipalityName: string;
	role: 'coordinator' | 'helper';
	status: 'invited' | 'active' | 'paused' | 'ended';
}

export interface Profile {
	id: string;
	displayName: string;
	locale: 'de' | 'en';
	email: string | null;
	phone: string | null;
	memberships: Membership[];
}

export async function readProfile(tx: Tx, personId: string): Promise<Profile | null> {
	const { rows } = await tx.query<Omit<Profile, 'memberships'>>(
		`select p.id, p.display_name as "displayName", p.locale, c.email, c.phone
		 from profiles p left join contact_details c on c.person_id = p.id
		 where p.id = $1`,
		[personId]
	);
	const profile = rows[0];
	if (!profile) return null;
	const memberships = await tx.query<Membership>(
		`select o.id as "organisationId", o.name as "organisationName", o.kind,
		        mu.name as "municipalityName", m.role, m.status
		 from memberships m
		 join organisations o on o.id = m.organisation_id
		 join municipalities mu on mu.id = o.municipality_id
		 where m.person_id = $1
		 order by m.role, o.name`,
		[personId]
	);
	return { ...profile, memberships: memberships.rows };
}

export async function updateProfile(tx: Tx, personId: string, input: ProfileInput): Promise<void> {
	await tx.query(
		'update profiles set display_name = $2, locale = $3, updated_at = now() where id = $1',
		[personId, input.displayName, input.locale]
	);
	await tx.query('update contact_details set phone = $2, updated_at = now() where person_id = $1', [
		personId,
		input.phone
	]);
}

/**
 * Where a person lands after signing in without a destination: someone new — no offer, no
 * organisation — on the offer stepper ("offer in under a minute"), everyone else on the profile.
 */
export async function landingPage(tx: Tx, personId: string): Promise<'/offer' | '/profile'> {
	const { rows } = await tx.query<{ known: boolean }>(
		`select exists (select 1 from offers where helper_id = $1)
		     or exists (select 1 from memberships where person_id = $1) as known`,
		[personId]
	);
	return rows[0]?.known ? '/profile' : '/offer';
}
