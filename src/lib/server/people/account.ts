// A person's rights over their data: export everything stored about them (GDPR Art. 15/20) and
// delete their account (Art. 17). Both run as the person; the database functions decide what
// belongs to them and what stays, anonymous, for the town's figures.
import type { Queryable } from '../db/types.ts';

/** Everything stored about the signed-in person, as the database assembles it. */
export async function exportMyData(tx: Queryable): Promise<Record<string, unknown>> {
	const { rows } = await tx.query<{ data: Record<string, unknown> }>(
		'select app.my_personal_data() as data'
	);
	return rows[0]!.data;
}

/** Deletes the signed-in person's account; returns how many of their matches ended with it. */
export async function deleteMyAccount(tx: Queryable): Promise<number> {
	const { rows } = await tx.query<{ ended: number }>('select app.delete_my_account() as ended');
	return rows[0]!.ended;
}
