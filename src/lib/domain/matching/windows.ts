// Weekly time windows: half-open [from, to) minutes of the week, Monday 00:00 = 0 … 10080,
// as the database's int4multirange columns hold them.

export interface WeekWindow {
	from: number;
	to: number;
}

export const MINUTES_PER_DAY = 1440;

/** Whether any window of `a` overlaps one of `b` (overlap's test, with nothing allocated). */
export function windowsMeet(a: readonly WeekWindow[], b: readonly WeekWindow[]): boolean {
	for (const x of a)
		for (const y of b) if (Math.max(x.from, y.from) < Math.min(x.to, y.to)) return true;
	return false;
}

/** The intersection of two window lists, ordered by start. */
export function overlap(a: readonly WeekWindow[], b: readonly WeekWindow[]): WeekWindow[] {
	const out: WeekWindow[] = [];
	for (const x of a) {
		for (const y of b) {
			const from = Math.max(x.from, y.from);
			const to = Math.min(x.to, y.to);
			if (from < to) out.push({ from, to });
		}
	}
	return out.sort((p, q) => p.from - q.from);
}

/** Parses Postgres' text form of an int4multirange, e.g. '{[2280,2460),[3720,3900)}'. */
export function parseWeekWindows(text: string | null): WeekWindow[] | null {
	if (text === null) return null;
	const out: WeekWindow[] = [];
	for (const m of text.matchAll(/([[(])(\d+),(\d+)([\])])/g)) {
		const from = Number(m[2]) + (m[1] === '(' ? 1 : 0);
		const to = Number(m[3]) + (m[4] === ']' ? 1 : 0);
		if (from < to) out.push({ from, to });
	}
	return out;
}

export type PartOfDay = 'morning' | 'afternoon' | 'evening';

/** Weekday (0 = Monday) and part of day of a window's start. */
export function dayAndPart(w: WeekWindow): { day: number; part: PartOfDay } {
	const day = Math.floor(w.from / MINUTES_PER_DAY) % 7;
	const minute = w.from % MINUTES_PER_DAY;
	return { day, part: minute < 12 * 60 ? 'morning' : minute < 17 * 60 ? 'afternoon' : 'evening' };
}
