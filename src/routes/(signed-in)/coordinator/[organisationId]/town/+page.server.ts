import { fail, type RequestEvent } from '@sveltejs/kit';
import { errorMessage } from '$lib/domain/errors';
import { parseForm } from '$lib/schemas/form';
import {
	districtSchema,
	districtUpdateSchema,
	nonprofitCreateSchema,
	townPoliciesSchema
} from '$lib/schemas/onboarding';
import { inviteAction, invitationActions } from '$lib/server/onboarding/actions';
import { requireMunicipalCoordinator } from '$lib/server/onboarding/guard';
import {
	addDistrict,
	createNonprofit,
	fieldOf,
	setTownPolicies,
	townOverview,
	updateDistrict
} from '$lib/server/onboarding/towns';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const organisation = await requireMunicipalCoordinator(locals, params.organisationId);
	return {
		organisation,
		town: await locals.db((tx) => townOverview(tx, organisation.municipalityId))
	};
};

const guard = (event: RequestEvent) =>
	requireMunicipalCoordinator(event.locals, String(event.params.organisationId));

const valuesOf = (data: FormData, fields: string[]) =>
	Object.fromEntries(fields.map((f) => [f, String(data.get(f) ?? '').slice(0, 300)]));

export const actions: Actions = {
	policies: async (event) => {
		const organisation = await guard(event);
		const parsed = parseForm(townPoliciesSchema, await event.request.formData());
		if (!parsed.ok) return fail(400, { error: Object.values(parsed.errors).flat().join(' ') });
		const result = await event.locals.db((tx) =>
			setTownPolicies(tx, organisation.municipalityId, parsed.value)
		);
		if (!result.ok) return fail(409, { error: errorMessage(result.code) });
		return { done: 'policies' };
	},
	addDistrict: async (event) => {
		const organisation = await guard(event);
		const data = await event.request.formData();
		const values = valuesOf(data, ['name', 'lat', 'lng']);
		const parsed = parseForm(districtSchema, data);
		if (!parsed.ok) return fail(400, { district: { id: 'new', values, errors: parsed.errors } });
		const result = await event.locals.db((tx) =>
			addDistrict(tx, organisation.municipalityId, parsed.value)
		);
		if (!result.ok) {
			const errors = { [fieldOf(result.code)]: [errorMessage(result.code)] };
			return fail(409, { district: { id: 'new', values, errors } });
		}
		return { done: 'district_added', name: parsed.value.name };
	},
	updateDistrict: async (event) => {
		await guard(event);
		const data = await event.request.formData();
		const values = valuesOf(data, ['name', 'lat', 'lng']);
		const id = String(data.get('districtId') ?? '');
		const parsed = parseForm(districtUpdateSchema, data);
		if (!parsed.ok) return fail(400, { district: { id, values, errors: parsed.errors } });
		const result = await event.locals.db((tx) =>
			updateDistrict(tx, parsed.value.districtId, parsed.value)
		);
		if (!result.ok) {
			const errors = { [fieldOf(result.code)]: [errorMessage(result.code)] };
			return fail(409, { district: { id, values, errors } });
		}
		return { done: 'district_saved', name: parsed.value.name };
	},
	createNonprofit: async (event) => {
		const organisation = await guard(event);
		const data = await event.request.formData();
		const values = valuesOf(data, ['name', 'email', 'locale']);
		const parsed = parseForm(nonprofitCreateSchema, data);
		if (!parsed.ok) return fail(400, { nonprofit: { values, errors: parsed.errors } });
		const result = await event.locals.db((tx) =>
			createNonprofit(tx, organisation.municipalityId, parsed.value, event.url.origin)
		);
		if (!result.ok) {
			const errors = { [fieldOf(result.code, 'name')]: [errorMessage(result.code)] };
			return fail(409, { nonprofit: { values, errors } });
		}
		return { done: 'nonprofit_created', name: parsed.value.name, invited: parsed.value.email };
	},
	invite: async (event) => {
		await guard(event);
		return inviteAction(event);
	},
	...invitationActions(guard)
};
