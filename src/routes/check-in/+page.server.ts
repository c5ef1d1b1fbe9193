import { fail } from '@sveltejs/kit';
import { authSecret, services } from '$lib/server/services';
import { answerCheckIn, checkCheckInToken } from '$lib/server/mail/check-in';
import type { Actions, PageServerLoad } from './$types';

// The monthly check-in's one-click answer, without signing in: opening the signed link asks
// (mail scanners open links), the button records the first answer.
export const load: PageServerLoad = ({ url }) => {
	const checkIn = checkCheckInToken(authSecret(), url.searchParams.get('t'));
	return checkIn
		? { state: 'ready' as const, answer: checkIn.answer }
		: { state: 'invalid' as const, answer: null };
};

export const actions: Actions = {
	default: async ({ url }) => {
		const checkIn = checkCheckInToken(authSecret(), url.searchParams.get('t'));
		if (!checkIn) return fail(400, { state: 'invalid' as const, answer: null });
		const { db } = await services();
		const recorded = await answerCheckIn(db.pool, checkIn);
		return { state: recorded ? ('done' as const) : ('already' as const), answer: checkIn.answer };
	}
};
