import { redirect, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { building, dev } from '$app/environment';
import { env } from '$env/dynamic/private';
import { paraglideMiddleware } from '$lib/paraglide/server.js';
import { m } from '$lib/paraglide/messages.js';
import { authSecret, services } from '$lib/server/services';
import { operator } from '$lib/server/operator-env';
import { claimsFor } from '$lib/server/db/person';
import { requestDatabase } from '$lib/server/db/request';
import { startJobs } from '$lib/server/jobs/schedule';
import { startMailSender } from '$lib/server/mail/schedule';
import { csrfGuard } from '$lib/server/csrf';
import { securityHeadersHandle } from '$lib/server/http/headers';
import { formBodyGuard } from '$lib/server/http/form-body';
import { withRequest } from '$lib/server/http/refusals';
import { answerStopped } from '$lib/server/http/busy';
import { chain } from '$lib/server/http/chain';
import { proxyWarning, requireMailDelivery, sessionTimeoutsFrom } from '$lib/server/auth/config';
import { isOfflineReadable, KEEP_SECONDS_HEADER } from '$lib/pwa/offline';

/** The periodic jobs run in the app: §72a retention every six hours, the mail sender every 20 s. */
export const init: ServerInit = async () => {
	if (building) return;
	// A production build without a strong AUTH_SECRET does not start (≥ 32 characters, not the
	// development key: it would sign links with a guessable or public key).
	authSecret();
	// Nor without its operator's details (imprint, privacy notice): OPERATOR_DEMO=1 for demos.
	operator();
	// Nor without a way to deliver mail (sign-in codes): SMTP_URL, or ZEITSPENDE_DEV_OUTBOX=1 for a
	// demo (OPERATOR_DEMO=1) or a loopback-only server; the flag anywhere else stops the start.
	requireMailDelivery(env, dev);
	const proxy = proxyWarning(env, dev);
	if (proxy) console.warn(proxy);
	if (env.ZEITSPENDE_JOBS === '0') return;
	const seconds = Number(env.MAIL_INTERVAL_SECONDS);
	startMailSender(
		async () => (await services()).sender,
		Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined
	);
	await startJobs(async () => (await services()).db.pool);
};

const i18n: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		event.locals.locale = locale;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

/** The one place that reads the session: everything below trusts locals.person. */
const auth: Handle = async ({ event, resolve }) => {
	const { auth, db } = await services();
	const person = await auth.resolve(event.cookies);
	event.locals.person = person;
	// A GET's loads share one connection, each message a transaction of its own
	// (src/lib/server/db/request.ts); every other method gets a transaction per call.
	const requestDb = requestDatabase(
		db.pool,
		person ? claimsFor(person.id, person.email) : null,
		event.request.method
	);
	// A statement stopped for its time limits answers 503 with a message (http/busy.ts).
	event.locals.db = (work) => requestDb.db(work).catch(answerStopped);
	const response = await resolve(event);
	await requestDb.settled();
	// A phone shows its copy of these pages no longer than this session would last unused.
	if (person && isOfflineReadable(event.url.pathname))
		response.headers.set(KEEP_SECONDS_HEADER, String(sessionTimeoutsFrom(env).idleHours * 3600));
	return response;
};

/** Pages under src/routes/(signed-in)/ need a person; the route group says so, not a list of paths. */
const isSignedInRoute = (routeId: string | null): boolean =>
	routeId?.startsWith('/(signed-in)/') ?? false;

const guard: Handle = ({ event, resolve }) => {
	if (!event.locals.person && isSignedInRoute(event.route.id)) {
		redirect(303, `/sign-in?next=${encodeURIComponent(event.url.pathname)}`);
	}
	// Guards and verbs further down log refused authorisations with who asked, and where.
	const facts = {
		personId: event.locals.person?.id ?? null,
		method: event.request.method,
		route: event.route.id
	};
	return withRequest(facts, () => resolve(event));
};

export const handle = chain(
	securityHeadersHandle,
	csrfGuard(!dev),
	i18n,
	formBodyGuard,
	auth,
	guard
);

/**
 * Unexpected errors are logged with an id; the person gets a clear message, never a stack. A
 * client's mistake that SvelteKit answers itself (a missing action, 405) is no error of ours.
 */
export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status === 404) return { message: m.error_not_found() };
	if (status < 500) return { message: m.error_request_bad() };
	const id = crypto.randomUUID();
	console.error(`[${id}] ${event.request.method} ${event.url.pathname}`, error);
	return { message: m.error_unexpected({ id: id.slice(0, 8) }) };
};
