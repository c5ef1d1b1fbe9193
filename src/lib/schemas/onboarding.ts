// Onboarding a town: the platform admin's new town, the town's nonprofits, policies and districts,
// and a team's coordinator invitations. The database checks the same again (and who acts).
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { emailSchema } from './auth.ts';
import { localeSchema } from './profile.ts';
import { plainText } from './text.ts';

const id = () => z.uuid({ error: () => m.validation_reference() });

const name = (max: number, message: () => string) =>
	z
		.string({ error: message })
		.pipe(plainText())
		.pipe(z.string().min(2, { error: message }).max(max, { error: message }));

/** Eight digits, the first two a Land (01–16): the Amtlicher Gemeindeschlüssel. */
export const agsSchema = z
	.string({ error: () => m.error_code_ags_invalid() })
	.transform((v) => v.replace(/\s/g, ''))
	.pipe(z.string().regex(/^(0[1-9]|1[0-6])\d{6}$/, { error: () => m.error_code_ags_invalid() }));

export const municipalityCreateSchema = z.object({
	name: name(120, () => m.error_code_municipality_name_invalid()),
	ags: agsSchema,
	officeName: name(160, () => m.error_code_organisation_name_invalid()),
	email: emailSchema,
	locale: localeSchema
});
export type MunicipalityCreate = z.infer<typeof municipalityCreateSchema>;

export const nonprofitCreateSchema = z.object({
	name: name(160, () => m.error_code_organisation_name_invalid()),
	email: emailSchema,
	locale: localeSchema
});
export type NonprofitCreate = z.infer<typeof nonprofitCreateSchema>;

/** A decimal degree typed with a point or a comma, inside Germany's bounding box. */
const degree = (min: number, max: number) => {
	const outside = () => m.error_code_district_outside_germany();
	return z
		.string({ error: outside })
		.transform((v) => (v.trim() === '' ? Number.NaN : Number(v.trim().replace(',', '.'))))
		.pipe(
			z
				.number({ error: outside })
				.refine(Number.isFinite, { error: outside })
				.min(min, { error: outside })
				.max(max, { error: outside })
		);
};

export const districtSchema = z.object({
	name: name(120, () => m.error_code_district_name_invalid()),
	lat: degree(47, 55.1),
	lng: degree(5.8, 15.1)
});
export type DistrictInput = z.infer<typeof districtSchema>;

export const districtUpdateSchema = districtSchema.extend({ districtId: id() });

const checkbox = z.preprocess((v) => v === 'on' || v === 'true', z.boolean());

/**
 * Unticked boxes are not sent, so an empty post would read as "all off": the form says it is this
 * form (a hidden field), and a post without it — truncated, or meant for another form — changes nothing.
 */
export const townPoliciesSchema = z.object({
	form: z.literal('policies', { error: () => m.validation_reference() }),
	nonprofitNeedsNeedApproval: checkbox,
	minorMatchesNeedApproval: checkbox,
	municipalityInspects72a: checkbox
});
export type TownPolicies = Omit<z.infer<typeof townPoliciesSchema>, 'form'>;

export const coordinatorInviteSchema = z.object({ email: emailSchema, locale: localeSchema });
export type CoordinatorInvite = z.infer<typeof coordinatorInviteSchema>;

export const coordinatorInvitationSchema = z.object({ invitationId: id() });

export const coordinatorSchema = z.object({ membershipId: id() });

export const organisationRefSchema = z.object({ organisationId: id() });
