// The offer form (first stepper and /offer alike): what, for whom, how many hours, when, where,
// languages, pause. Multi-value fields arrive as repeated form entries (see offerFormValues).
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { parseValues } from './form.ts';
import { SLOT_PATTERN, slotsToWindows } from '../domain/offer/slots.ts';
import { CATEGORIES, COMMON_LANGUAGES, TARGET_GROUPS } from '../domain/vocabulary.ts';

export { CATEGORIES, COMMON_LANGUAGES, TARGET_GROUPS };
export const WHERE = ['district', 'location', 'remote'] as const;
/** Form fields that carry several values. */
export const OFFER_ARRAY_FIELDS = ['categories', 'targetGroups', 'slots', 'languages'] as const;

const uuid = () => z.uuid({ error: () => m.validation_reference() });
export const optional = (schema: z.ZodType) =>
	z.preprocess(
		(v) => (v === '' || v === undefined || v === null ? undefined : v),
		schema.optional()
	);
/** A decimal with at most one place, German comma allowed, within [min, max]. */
export const decimal = (min: number, max: number, message: () => string) =>
	z
		.string({ error: message })
		.trim()
		.regex(/^\d{1,2}([.,]\d)?$/, { error: message })
		.transform((v) => Number(v.replace(',', '.')))
		.pipe(z.number().min(min, { error: message }).max(max, { error: message }));
const coordinate = (min: number, max: number) =>
	z.coerce
		.number({ error: () => m.validation_offer_location() })
		.min(min)
		.max(max);

/** Today in Europe/Berlin as YYYY-MM-DD. */
export const berlinToday = () =>
	new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });

/** The typed other languages ("ro, fa") join the ticked ones, lower case, each once. */
function withOtherLanguages(raw: unknown): unknown {
	if (typeof raw !== 'object' || raw === null) return raw;
	const r = raw as Record<string, unknown>;
	const ticked = Array.isArray(r.languages) ? r.languages : [];
	const other = typeof r.languagesOther === 'string' ? r.languagesOther.split(/[\s,;]+/) : [];
	const codes = [...ticked, ...other].map((c) => String(c).trim().toLowerCase()).filter(Boolean);
	return { ...r, languages: [...new Set(codes)] };
}

const languagesMessage = () => m.validation_offer_languages();
// Cross-field checks run even when other fields are wrong (`when`), so one post shows every message.
const always = { when: () => true };

export const offerSchema = z.preprocess(
	withOtherLanguages,
	z
		.object({
			categories: z
				.array(z.enum(CATEGORIES, { error: () => m.validation_offer_categories() }))
				.min(1, { error: () => m.validation_offer_categories() }),
			targetGroups: z
				.array(z.enum(TARGET_GROUPS, { error: () => m.validation_offer_target_groups() }))
				.min(1, { error: () => m.validation_offer_target_groups() }),
			hoursPerMonth: decimal(1, 40, () => m.validation_offer_hours()),
			slots: z.array(z.string().regex(SLOT_PATTERN, { error: () => m.validation_offer_slots() })),
			where: z.enum(WHERE, { error: () => m.validation_offer_where() }),
			municipalityId: z.uuid({ error: () => m.validation_offer_municipality() }),
			districtId: optional(uuid()),
			lat: optional(coordinate(47, 55.1)),
			lng: optional(coordinate(5.8, 15.1)),
			radiusKm: decimal(0, 50, () => m.validation_offer_radius()),
			remoteOk: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
			languages: z
				.array(z.string().regex(/^[a-z]{2,3}$/, { error: languagesMessage }), {
					error: languagesMessage
				})
				.min(1, { error: languagesMessage })
				.max(10, { error: languagesMessage }),
			languagesOther: z.string().max(60, { error: languagesMessage }).default(''),
			pausedUntil: optional(
				z.iso
					.date({ error: () => m.validation_offer_paused_until() })
					.refine((d) => d >= berlinToday() && d <= '2100-01-01', {
						error: () => m.validation_offer_paused_until()
					})
			)
		})
		.refine((v) => v.where !== 'district' || v.districtId !== undefined, {
			...always,
			path: ['districtId'],
			error: () => m.validation_offer_district()
		})
		.refine((v) => v.where !== 'location' || (v.lat !== undefined && v.lng !== undefined), {
			...always,
			path: ['where'],
			error: () => m.validation_offer_location()
		})
		.transform((v) => ({
			municipalityId: v.municipalityId,
			categories: v.categories,
			targetGroups: v.targetGroups,
			hoursPerMonth: v.hoursPerMonth,
			availability: slotsToWindows(v.slots),
			home:
				v.where === 'district'
					? { kind: 'district' as const, districtId: v.districtId as string }
					: v.where === 'location'
						? { kind: 'point' as const, lat: v.lat as number, lng: v.lng as number }
						: { kind: 'remote' as const },
			radiusKm: v.radiusKm,
			remoteOk: v.where === 'remote' || v.remoteOk,
			languages: v.languages,
			pausedUntil: (v.pausedUntil as string | undefined) ?? null
		}))
);

export type OfferInput = z.infer<typeof offerSchema>;

/** FormData → the raw object the schema reads: repeated fields as arrays, the rest as strings. */
export function offerFormValues(data: FormData): Record<string, string | string[]> {
	const raw: Record<string, string | string[]> = {};
	for (const key of new Set(data.keys())) {
		const all = data.getAll(key).filter((v): v is string => typeof v === 'string');
		raw[key] = (OFFER_ARRAY_FIELDS as readonly string[]).includes(key) ? all : (all[0] ?? '');
	}
	for (const key of OFFER_ARRAY_FIELDS) raw[key] ??= [];
	return raw;
}

/** The posted offer form, parsed: the input or per-field messages. */
export function parseOfferForm(data: FormData) {
	return parseValues(offerSchema, offerFormValues(data));
}
