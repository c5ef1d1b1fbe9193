// requireCoordinator's checks before the database (found by mutation testing): an id that is not
// a UUID is 404 before anything else, even when nobody is signed in.
import { describe, expect, it } from 'vitest';
import { requireCoordinator } from '../../../src/lib/server/organisations/guard.ts';

function locals(person: { id: string; email: string } | null) {
	const calls: unknown[] = [];
	const value = {
		person,
		db: async () => {
			calls.push('db');
			return { found: false };
		}
	} as unknown as App.Locals;
	return { value, calls };
}

async function statusOf(promise: Promise<unknown>): Promise<number | undefined> {
	try {
		await promise;
		return undefined;
	} catch (e) {
		return (e as { status?: number }).status;
	}
}

describe('requireCoordinator', () => {
	it('answers 404 for a malformed id, signed in or not, without a query', async () => {
		for (const person of [null, { id: '5b1f7f0e-6f55-4a39-9a43-0c6b1c7f2a11', email: 'a@b.de' }]) {
			const l = locals(person);
			expect(await statusOf(requireCoordinator(l.value, 'not-a-uuid'))).toBe(404);
			expect(l.calls).toEqual([]);
		}
	});

	it('answers 401 for a well-formed id when nobody is signed in', async () => {
		const l = locals(null);
		expect(
			await statusOf(requireCoordinator(l.value, '5b1f7f0e-6f55-4a39-9a43-0c6b1c7f2a11'))
		).toBe(401);
		expect(l.calls).toEqual([]);
	});
});
