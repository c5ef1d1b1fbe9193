// App.Locals as the hook sets them up, for guards and form actions called directly in db tests:
// the person (or nobody, signed out) and their database access, run as that person under RLS.
import type pg from 'pg';
import { asAnonymous, asPerson, claimsFor } from '../../src/lib/server/db/person.ts';
import { answerStopped } from '../../src/lib/server/http/busy.ts';

export function localsFor(pool: pg.Pool, personId: string | null, email?: string): App.Locals {
	return {
		person: personId ? { id: personId, email: email ?? `${personId}@test.example` } : null,
		db: (work) =>
			(personId ? asPerson(pool, claimsFor(personId, email), work) : asAnonymous(pool, work)).catch(
				answerStopped
			),
		locale: 'de'
	};
}
