// The public figures on the home page, for anyone (app.public_figures counts without revealing rows).
import type { Queryable } from '../db/types.ts';

export interface PublicFigures {
	municipalities: number;
	openNeeds: number;
	/** People offering help; null below five. */
	helpers: number | null;
	/**
	 * Confirmed hours of the towns whose own page shows them (never a small town's hidden
	 * hours); null while fewer than five people help in those towns.
	 */
	confirmedHours: number | null;
}

export async function publicFigures(tx: Queryable): Promise<PublicFigures> {
	const { rows } = await tx.query<PublicFigures & { confirmedHours: string | null }>(
		`select municipalities, open_needs as "openNeeds", helpers, confirmed_hours as "confirmedHours"
		 from app.public_figures()`
	);
	const row = rows[0]!;
	return {
		...row,
		confirmedHours: row.confirmedHours === null ? null : Number(row.confirmedHours)
	};
}

export interface TownFigures {
	name: string;
	openNeeds: number;
	organisations: number;
	/**
	 * People with a started match (as the town's report counts its helpers); null below five
	 * people: a smaller figure would point at them.
	 */
	helpers: number | null;
	/**
	 * Of them, those whose match the town took part in by the ledger (the report's derived
	 * involvement); null below five, and while one to four are without the town.
	 */
	helpersWithTown: number | null;
	confirmedHours: number | null;
}

/** One town's public co-production figures, or null for an unknown town. */
export async function townFigures(
	tx: Queryable,
	municipalityId: string
): Promise<TownFigures | null> {
	const { rows } = await tx.query<TownFigures & { confirmedHours: string | null }>(
		`select municipality_name as name, open_needs as "openNeeds", organisations, helpers,
		        helpers_with_town as "helpersWithTown", confirmed_hours as "confirmedHours"
		 from app.town_figures($1)`,
		[municipalityId]
	);
	const row = rows[0];
	if (!row) return null;
	return {
		...row,
		confirmedHours: row.confirmedHours === null ? null : Number(row.confirmedHours)
	};
}

/** The towns on Zeitspende, for links to their public pages. */
export async function towns(tx: Queryable): Promise<{ id: string; name: string }[]> {
	const { rows } = await tx.query<{ id: string; name: string }>(
		'select id, name from municipalities order by name'
	);
	return rows;
}
