// The one save action of the need form, new and edit alike: zod first (every field its message,
// nothing written), then one verb; a refusal of the database lands on the field it concerns.
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { errorMessage, type SuggestionErrorCode } from '$lib/domain/errors';
import { needFormValues, parseNeedForm } from '$lib/schemas/need';
import { createNeed, updateNeed, type NeedWriteErrorCode } from '$lib/server/needs/write';
import type { VerbResult } from '$lib/server/db/verb';
import { createNeedFromSuggestion } from '$lib/server/suggestions/inbox';

/** The field a refusal belongs to; the others stand at the top of the form. */
const FIELD: Partial<Record<NeedWriteErrorCode, string>> = {
	district_outside_town: 'districtId',
	need_in_past: 'startsOn'
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function saveNeed(event: RequestEvent, organisationId: string, needId?: string) {
	const data = await event.request.formData();
	const values = needFormValues(data);
	const parsed = parseNeedForm(data);
	// A new need made from a citizen's suggestion: adopted in the same transaction, or neither.
	const suggestion = needId ? '' : (event.url.searchParams.get('suggestion') ?? '');
	if (suggestion && !UUID.test(suggestion))
		return fail(400, { errors: { form: [errorMessage('suggestion_not_found')] }, values });
	if (!parsed.ok) return fail(400, { errors: parsed.errors, values });
	const result = await event.locals.db(
		(tx): Promise<VerbResult<NeedWriteErrorCode | SuggestionErrorCode, { status: string }>> =>
			needId
				? updateNeed(tx, needId, parsed.value)
				: suggestion
					? createNeedFromSuggestion(tx, organisationId, parsed.value, suggestion)
					: createNeed(tx, organisationId, parsed.value)
	);
	if (!result.ok)
		return fail(400, {
			errors: {
				[(FIELD as Record<string, string>)[result.code] ?? 'form']: [errorMessage(result.code)]
			},
			values
		});
	const id = needId ?? ('id' in result ? String(result.id) : '');
	// After an edit: "saved", unless the change sent the need to the town (it says so then).
	const saved =
		needId && parsed.value.intent !== 'post' && result.status !== 'pending_approval'
			? 'changes'
			: result.status;
	redirect(303, `/coordinator/${organisationId}/needs/${id}?saved=${saved}`);
}
