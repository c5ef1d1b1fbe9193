// The towns and their districts a person chooses their home area from (readable by anyone).
import type { Queryable } from '../db/types.ts';

export interface Town {
	id: string;
	name: string;
	districts: { id: string; name: string }[];
}

/** Every municipality with its districts, both by name. */
export async function readTowns(tx: Queryable): Promise<Town[]> {
	const { rows } = await tx.query<{
		id: string;
		name: string;
		district_id: string | null;
		district_name: string | null;
	}>(
		`select mu.id, mu.name, d.id as district_id, d.name as district_name
		 from municipalities mu left join districts d on d.municipality_id = mu.id
		 order by mu.name, d.name`
	);
	const towns = new Map<string, Town>();
	for (const row of rows) {
		const town = towns.get(row.id) ?? { id: row.id, name: row.name, districts: [] };
		towns.set(row.id, town);
		if (row.district_id) town.districts.push({ id: row.district_id, name: row.district_name! });
	}
	return [...towns.values()];
}
