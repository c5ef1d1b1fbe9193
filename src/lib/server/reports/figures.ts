// The public figures on the home page, for anyone (app.public_figures counts without revealing rows).
import type { Queryable } from '../db/types.ts';

export interface PublicFigures {
	municipalities: number;
	openNeeds: number;
	helpers: number;
	confirmedHours: number;
}

export async function publicFigures(tx: Queryable): Promise<PublicFigures> {
	const { rows } = await tx.query<PublicFigures>(
		`select municipalities, open_needs as "openNeeds", helpers, confirmed_hours as "confirmedHours"
		 from app.public_figures()`
	);
	return rows[0]!;
}
