// The offer form's weekly grid: weekday × part of day checkboxes ("1-afternoon" = Tuesday
// afternoon) to and from windows in minutes of the week, as offers.availability holds them.
import { MINUTES_PER_DAY, type PartOfDay, type WeekWindow } from '../matching/windows.ts';

export const PARTS_OF_DAY = ['morning', 'afternoon', 'evening'] as const satisfies PartOfDay[];

/** Minutes of the day each part covers, half-open; the edges agree with dayAndPart (12:00, 17:00). */
export const PART_MINUTES: Record<PartOfDay, { from: number; to: number }> = {
	morning: { from: 8 * 60, to: 12 * 60 },
	afternoon: { from: 12 * 60, to: 17 * 60 },
	evening: { from: 17 * 60, to: 21 * 60 }
};

export const SLOT_PATTERN = /^([0-6])-(morning|afternoon|evening)$/;

/** Every slot of the week, Monday morning first. */
export const ALL_SLOTS: string[] = [0, 1, 2, 3, 4, 5, 6].flatMap((day) =>
	PARTS_OF_DAY.map((part) => `${day}-${part}`)
);

/** Checked slots → ordered windows, touching slots merged (Tue afternoon + evening = 12:00–21:00). */
export function slotsToWindows(slots: readonly string[]): WeekWindow[] {
	const windows = [...new Set(slots)]
		.map((slot) => {
			// Stryker disable next-line ArrayDeclaration: any fallback without a second element leaves `day` undefined
			const [, day, part] = SLOT_PATTERN.exec(slot) ?? [];
			if (day === undefined) throw new Error(`not a slot: ${slot}`);
			const minutes = PART_MINUTES[part as PartOfDay];
			const base = Number(day) * MINUTES_PER_DAY;
			return { from: base + minutes.from, to: base + minutes.to };
		})
		.sort((a, b) => a.from - b.from);
	const merged: WeekWindow[] = [];
	for (const w of windows) {
		const last = merged.at(-1);
		if (last && last.to >= w.from) last.to = Math.max(last.to, w.to);
		else merged.push({ ...w });
	}
	return merged;
}

/** Slots that any window touches: how a stored offer shows in the grid (seeded windows may be finer). */
export function windowsToSlots(windows: readonly WeekWindow[] | null): string[] {
	if (!windows) return [];
	return ALL_SLOTS.filter((slot) => {
		const [w] = slotsToWindows([slot]);
		return windows.some((x) => x.from < w!.to && w!.from < x.to);
	});
}

/** Postgres' text form of an int4multirange; null for no windows ("any time"). */
export function toMultirange(windows: readonly WeekWindow[]): string | null {
	if (windows.length === 0) return null;
	return `{${windows.map((w) => `[${w.from},${w.to})`).join(',')}}`;
}
