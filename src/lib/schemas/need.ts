// The need form (new and edit): what, for whom, how many hours once or per month, from when to
// when, weekly windows, where (a district of the town, an approximate point, or remote),
// languages, helpers wanted, §72a. The database checks again (town of the district, status
// steps, changes under matches); this gives every field its message first.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { parseValues } from './form.ts';
import { plainText } from './text.ts';
import { berlinToday, CATEGORIES, decimal, optional, TARGET_GROUPS } from './offer.ts';
import { SLOT_PATTERN, slotsToWindows } from '../domain/offer/slots.ts';
import { roundToGrid } from '../domain/offer/grid.ts';
import { CADENCES } from '../domain/vocabulary.ts';

export { CADENCES };
export const NEED_PLACES = ['district', 'point', 'remote'] as const;
/** Form fields that carry several values. */
export const NEED_ARRAY_FIELDS = ['slots', 'requiredLanguages', 'preferredLanguages'] as const;

/** The typed other languages join the ticked ones of the same list, lower case, each once. */
function languageList(ticked: unknown, other: unknown): string[] {
	const list = Array.isArray(ticked) ? ticked : [];
	const typed = typeof other === 'string' ? other.split(/[\s,;]+/) : [];
	return [
		...new Set([...list, ...typed].map((c) => String(c).trim().toLowerCase()).filter(Boolean))
	];
}

/** "48.001, 11.301" (or with decimal commas: "48,001; 11,301") → latitude and longitude. */
const POINT = /^\s*(\d{1,2}(?:[.,]\d+)?)\s*[,;\s]\s*(\d{1,3}(?:[.,]\d+)?)\s*$/;

/** The typed languages join the ticked ones; the typed point becomes lat and lng. */
function withOtherLanguages(raw: unknown): unknown {
	if (typeof raw !== 'object' || raw === null) return raw;
	const r = raw as Record<string, unknown>;
	const typed = r.where === 'point' && typeof r.point === 'string' && r.point.trim() !== '';
	const point = typed ? POINT.exec(r.point as string) : null;
	const number = (v: string | undefined) => (v === undefined ? 'x' : v.replace(',', '.'));
	return {
		...r,
		// A point that does not read as two numbers fails as coordinates ('x').
		...(typed ? { lat: number(point?.[1]), lng: number(point?.[2]) } : {}),
		requiredLanguages: languageList(r.requiredLanguages, r.requiredLanguagesOther),
		preferredLanguages: languageList(r.preferredLanguages, r.preferredLanguagesOther)
	};
}

const languages = () =>
	z
		.array(z.string().regex(/^[a-z]{2,3}$/, { error: () => m.validation_need_languages() }))
		.max(10, { error: () => m.validation_need_languages() });
const other = z
	.string()
	.max(60, { error: () => m.validation_need_languages() })
	.default('');
/** A coordinate of a point in Germany (the database's bounds). */
const coordinate = (min: number, max: number) =>
	z.coerce
		.number({ error: () => m.validation_need_point() })
		.min(min, { error: () => m.validation_need_point() })
		.max(max, { error: () => m.validation_need_point() });
const date = (message: () => string) =>
	z.iso
		.date({ error: message })
		.refine((d) => d >= '2020-01-01' && d <= '2100-01-01', { error: message });
const optionalDate = (message: () => string) =>
	z.preprocess((v) => (v === '' || v == null ? undefined : v), date(message).optional());

/** The last allowed end: five years after the start. */
function fiveYearsAfter(day: string): string {
	const [y, rest] = [Number(day.slice(0, 4)), day.slice(4)];
	return `${y + 5}${rest}`;
}

// Cross-field checks run even when other fields are wrong (`when`), so one post shows every message.
const always = { when: () => true };

export const needSchema = z.preprocess(
	withOtherLanguages,
	z
		.object({
			title: plainText().pipe(
				z
					.string()
					.min(3, { error: () => m.validation_need_title() })
					.max(120, { error: () => m.validation_need_title() })
			),
			description: z
				.string()
				.default('')
				.pipe(plainText({ multiline: true }))
				.pipe(z.string().max(2000, { error: () => m.validation_need_description() })),
			category: z.enum(CATEGORIES, { error: () => m.validation_need_category() }),
			targetGroup: z.enum(TARGET_GROUPS, { error: () => m.validation_need_target_group() }),
			cadence: z.enum(CADENCES, { error: () => m.validation_need_cadence() }),
			hours: decimal(0.5, 40, () => m.validation_need_hours()),
			startsOn: date(() => m.validation_need_starts_on()),
			endsOn: optionalDate(() => m.validation_need_ends_on()),
			slots: z.array(z.string().regex(SLOT_PATTERN, { error: () => m.validation_offer_slots() })),
			where: z.enum(NEED_PLACES, { error: () => m.validation_need_where() }),
			districtId: optional(z.uuid({ error: () => m.validation_reference() })),
			lat: optional(coordinate(47, 55.1)),
			lng: optional(coordinate(5.8, 15.1)),
			requiredLanguages: languages(),
			requiredLanguagesOther: other,
			preferredLanguages: languages(),
			preferredLanguagesOther: other,
			helpersWanted: z.coerce
				.number({ error: () => m.validation_need_helpers() })
				.int({ error: () => m.validation_need_helpers() })
				.min(1, { error: () => m.validation_need_helpers() })
				.max(20, { error: () => m.validation_need_helpers() }),
			requires72a: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
			intent: z.enum(['draft', 'post', 'save']).default('save')
		})
		.refine((v) => v.cadence !== 'monthly' || v.endsOn !== undefined, {
			...always,
			path: ['endsOn'],
			error: () => m.validation_need_ends_on_monthly()
		})
		.refine(
			(v) =>
				!v.endsOn ||
				!v.startsOn ||
				(v.endsOn >= v.startsOn && v.endsOn <= fiveYearsAfter(v.startsOn)),
			{ ...always, path: ['endsOn'], error: () => m.validation_need_ends_on() }
		)
		// A need whose last day has passed is refused (on the end when there is one, else the start).
		.refine((v) => !v.endsOn || v.endsOn >= berlinToday(), {
			...always,
			path: ['endsOn'],
			error: () => m.validation_need_in_past()
		})
		.refine((v) => v.endsOn !== undefined || !v.startsOn || v.startsOn >= berlinToday(), {
			...always,
			path: ['startsOn'],
			error: () => m.validation_need_in_past()
		})
		.refine((v) => v.where !== 'district' || v.districtId !== undefined, {
			...always,
			path: ['districtId'],
			error: () => m.validation_need_district()
		})
		.refine((v) => v.where !== 'point' || (v.lat !== undefined && v.lng !== undefined), {
			...always,
			path: ['where'],
			error: () => m.validation_need_point()
		})
		.transform((v) => ({
			title: v.title,
			description: v.description,
			category: v.category,
			targetGroup: v.targetGroup,
			cadence: v.cadence,
			hours: v.hours,
			startsOn: v.startsOn,
			endsOn: (v.endsOn as string | undefined) ?? null,
			timeWindows: slotsToWindows(v.slots),
			place:
				v.where === 'remote'
					? { kind: 'remote' as const }
					: v.where === 'district'
						? { kind: 'district' as const, districtId: v.districtId as string }
						: {
								kind: 'point' as const,
								districtId: (v.districtId as string | undefined) ?? null,
								...roundToGrid(v.lat as number, v.lng as number)
							},
			requiredLanguages: v.requiredLanguages,
			// A language both required and preferred is required.
			preferredLanguages: v.preferredLanguages.filter((c) => !v.requiredLanguages.includes(c)),
			helpersWanted: v.helpersWanted,
			requires72a: v.requires72a,
			intent: v.intent
		}))
);

export type NeedInput = z.infer<typeof needSchema>;

/** FormData → the raw object the schema reads: repeated fields as arrays, the rest as strings. */
export function needFormValues(data: FormData): Record<string, string | string[]> {
	const raw: Record<string, string | string[]> = {};
	for (const key of new Set(data.keys())) {
		const all = data.getAll(key).filter((v): v is string => typeof v === 'string');
		raw[key] = (NEED_ARRAY_FIELDS as readonly string[]).includes(key) ? all : (all[0] ?? '');
	}
	for (const key of NEED_ARRAY_FIELDS) raw[key] ??= [];
	return raw;
}

/** The posted need form, parsed: the input or per-field messages. */
export function parseNeedForm(data: FormData) {
	return parseValues(needSchema, needFormValues(data));
}
