import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';

// What a form sent from a phone's queue adds (src/lib/pwa/outbox.ts): the key the phone made up
// for the request, so a repeat is recognised, and whose queue it came from. Both optional: a
// form sent without JavaScript has neither and works as before.
const optionalId = z.preprocess(
	(v) => (v === '' || v === null ? undefined : v),
	z.uuid({ error: () => m.validation_reference() }).optional()
);

export const clientKeyFields = { clientKey: optionalId, clientOwner: optionalId };

/** A queued request saved by another person on this device is never sent as the signed-in one. */
export const fromSomeoneElse = (personId: string, value: { clientOwner?: string }): boolean =>
	value.clientOwner !== undefined && value.clientOwner !== personId;
