// The log of refused authorisations (src/lib/server/http/refusals.ts): one JSON line per refusal
// with who, which request and when; noteRefusal logs authorisation codes and the not-found ones.
import { describe, expect, it } from 'vitest';
import {
	logRefusal,
	noteRefusal,
	setRefusalSink,
	withRequest
} from '../../../src/lib/server/http/refusals.ts';
import { captureRefusals } from '../../support/refusals.ts';

const logged = captureRefusals();

describe('refusal log', () => {
	it('names the person and the request, and the time it happened', () => {
		const before = Date.now();
		withRequest({ personId: 'p-1', method: 'POST', route: '/needs/[needId]' }, () =>
			logRefusal('edit need: own_need')
		);
		const [line] = logged();
		expect(line).toEqual({
			event: 'access_refused',
			at: expect.any(String),
			person: 'p-1',
			request: 'POST /needs/[needId]',
			what: 'edit need: own_need'
		});
		expect(Date.parse(line!.at)).toBeGreaterThanOrEqual(before - 1);
		expect(Date.parse(line!.at)).toBeLessThanOrEqual(Date.now());
	});

	it('marks a request without a route id with ?, and says nothing of a request outside one', () => {
		withRequest({ personId: null, method: 'GET', route: null }, () => logRefusal('x'));
		logRefusal('y');
		expect(logged()).toMatchObject([
			{ person: null, request: 'GET ?', what: 'x' },
			{ person: null, request: null, what: 'y' }
		]);
	});

	it('logs authorisation codes and the not-found answers that may hide one, and passes every code on', () => {
		expect(noteRefusal('complete match', 'not_allowed')).toBe('not_allowed');
		expect(noteRefusal('invite', 'invite_self')).toBe('invite_self');
		expect(noteRefusal('take need', 'need_full')).toBe('need_full');
		expect(noteRefusal('review hours', 'hour_log_reviewed')).toBe('hour_log_reviewed');
		// Not found, as the database answers for another organisation's record too.
		expect(noteRefusal('decline match', 'match_not_found')).toBe('match_not_found');
		expect(noteRefusal('approve need', 'need_not_found')).toBe('need_not_found');
		expect(noteRefusal('resend', 'invitation_not_found')).toBe('invitation_not_found');
		expect(noteRefusal('remove', 'coordinator_not_found')).toBe('coordinator_not_found');
		expect(noteRefusal('answer', 'suggestion_not_found')).toBe('suggestion_not_found');
		expect(logged().map((line) => line.what)).toEqual([
			'complete match: not_allowed',
			'invite: invite_self',
			'decline match: match_not_found',
			'approve need: need_not_found',
			'resend: invitation_not_found',
			'remove: coordinator_not_found'
		]);
	});

	it('hands the previous sink back', () => {
		const mine = (line: string) => void line;
		const before = setRefusalSink(mine);
		expect(before).not.toBe(mine);
		expect(setRefusalSink(before)).toBe(mine);
	});
});
