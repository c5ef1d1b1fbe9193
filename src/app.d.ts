import type { SignedInPerson } from '$lib/server/auth/port';
import type { Tx } from '$lib/server/db/person';

declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			/** The verified person, or null when signed out. Set once, in hooks.server.ts. */
			person: SignedInPerson | null;
			/** Runs work as this person (RLS decides), or as anonymous when signed out. */
			db<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
			locale: 'de' | 'en';
		}
		interface PageData {
			person: { id: string; email: string } | null;
		}
	}
}

export {};
