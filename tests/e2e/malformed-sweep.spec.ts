// Bad input never answers 500 (issue 11, item 8): every form action and endpoint of src/routes
// gets malformed payloads — missing and extra fields, wrong types, 100 000-character strings,
// control characters and NUL, invalid Unicode, HTML and SQL, other people's ids, broken bodies —
// from each kind of person. Nothing may be accepted, nothing may answer 5xx, no row may change
// (a checksum of every table through /dev/checksum) and the server may log no stack trace.
// It runs against a server of its own (the same build, its own embedded database, no jobs), so
// the other specs' writes cannot touch the checksum; it prints how many payloads it tried.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { APIRequestContext, APIResponse, Browser, BrowserContext } from '@playwright/test';
import { seed } from '../support/seed-ids.ts';
import { expect, test } from './support.ts';
import { signIn } from './support.ts';
import { parse } from 'devalue';
import { E2E_OPERATOR } from './operator.ts';
import { E2E_AUTH_SECRET } from './auth-secret.ts';

const ORG = seed.organisations;
const uuid = (kind: string, n: number) =>
	`00000000-${kind}-4000-8000-${String(n).padStart(12, '0')}`;
/** Rows of the other town (Birkenhain): never any sweeping person's. */
const FOREIGN = {
	organisation: ORG.helferkreis.id,
	municipality: seed.municipalities.birkenhain.id,
	need: uuid('0005', 31),
	district: uuid('0002', 11)
};
/** Lernpaten's own need (seed.needs.lernpatenschaftDeutsch): the need pages' fields, reached. */
const OWN_NEED = seed.needs.lernpatenschaftDeutsch.id;
/** On the own need, the actions that read fields (cancel and complete read none: they would act). */
const OWN_NEED_ACTIONS = ['propose', 'accept', 'decline', 'withdraw', 'save'];
const NOWHERE = '7d1f4c2e-9a3b-4c5d-8e6f-0a1b2c3d4e5f';

/** Every field name the app's forms use (name="…" in the .svelte files, and what the actions read). */
const FIELDS = (
	'ags answer body by cadence categories category certificateDate code comment confirm ' +
	'convictionListed decision description displayName district districtId email endsOn from ' +
	'helperId helpersWanted hours hoursPerMonth inspected intent invitationId item items languages ' +
	'lat lng locale logId logIds matchId membershipId municipalityId name needId next note ' +
	'officeName organisationId pair pausedUntil perspective phone point preferredLanguages ' +
	'radiusKm rating reason remoteOk requiredLanguages slots startsOn subject suggestionId ' +
	'targetGroup targetGroups target_group text title to where workedOn accept day hour minute ' +
	'month year suggestion t token id personId clientKey List-Unsubscribe'
).split(' ');
const ID_FIELDS = FIELDS.filter((f) => /Id$|^id$/.test(f));

/** The kind of record each id field names. */
type Kind =
	| 'organisation'
	| 'municipality'
	| 'need'
	| 'match'
	| 'log'
	| 'membership'
	| 'invitation'
	| 'district'
	| 'suggestion'
	| 'person';
const KIND_OF: Record<string, Kind> = {
	organisationId: 'organisation',
	municipalityId: 'municipality',
	needId: 'need',
	id: 'need',
	matchId: 'match',
	logId: 'log',
	membershipId: 'membership',
	invitationId: 'invitation',
	districtId: 'district',
	suggestionId: 'suggestion',
	personId: 'person',
	helperId: 'person'
};
type Records = Record<Kind, string>;
/**
 * Ids of nothing, one for each kind: an answer that echoes the form's values has the same shape
 * for them as for someone else's records (devalue writes a repeated string once).
 */
const NOTHING = Object.fromEntries(
	[...new Set(Object.values(KIND_OF))].map((kind, i) => [
		kind,
		`7d1f4c2e-9a3b-4c5d-8e6f-${String(i + 1).padStart(12, '0')}`
	])
) as Records;
/**
 * Proposing a helper of the same town who is not in the organisation's pool answers what their
 * offer says ("Die Art der Hilfe passt nicht zum Angebot.") where a helper of nothing answers "no
 * offer": the town's helpers are whom its coordinators' candidate lists name, with their fit, by
 * design (PRODUCT.md, Matching), so this tells nothing the list does not. A helper of the other
 * town answers as none (migration 20261130001000), and that is asserted.
 */
const SAME_TOWN_PROPOSAL = /\/needs\/[0-9a-f-]{36}\?\/propose$/;
/**
 * Someone else's records in the sweeping people's own town: the Nachbarschaftshilfe's (neither
 * Mara's nor the Lernpaten's) and, as the organisation, the Jugendamt (Mara is in the
 * Nachbarschaftshilfe's pool: leaving it is hers to do). The town's coordinator governs them all
 * (she reads its matches, logs and nonprofits' invitations), so she gets the other town's only.
 * What a town's people share is the other town's here: its districts are everyone's there, its
 * suggestions are every coordinator's of the town to answer (src/routes/…/suggestions), and
 * suggesting to one's own town is what anyone may. The invitation is made before the sweep (the
 * seed has none).
 */
const SAME_TOWN: Omit<Records, 'invitation' | 'district' | 'municipality' | 'suggestion'> = {
	organisation: ORG.jugendamt.id,
	need: uuid('0005', 6),
	match: uuid('0006', 2), // Gisela K.'s, active
	log: uuid('0008', 5), // Gisela K.'s, waiting for review
	membership: uuid('000c', 104_011), // Heinz H. in the Nachbarschaftshilfe's pool
	person: seed.people.heinz.id // in the Nachbarschaftshilfe's pool only
};

/** Malformed values, each sent in every field at once (so every field is also an extra one). */
const VALUES: Record<string, string> = {
	'word for a number': 'abc',
	negative: '-1',
	'too big a number': '1e309',
	object: '{"a":1}',
	'control characters': '\x01\x02\x1b[31m\x7f\u0085',
	'lone surrogate': '\ud800x\udfff', // the client sends U+FFFD for it: raw bytes below
	// Right-to-left override, isolates, zero-width space and joiner, byte order mark, soft hyphen.
	'bidi and invisible characters': '\u202eabc\u202c\u2066x\u2069\u200b\u200d\ufeff\u00ad',
	html: '<script>alert(1)</script><img src=x onerror=alert(1)>',
	sql: "'; drop table public.profiles; -- ' or '1'='1",
	"other town's organisation": FOREIGN.organisation,
	"other town's need": FOREIGN.need,
	'no such id': NOWHERE
};
const LONG = 'x'.repeat(100_000);
/** The free-text fields, each also sent 100 000 characters long (two to a payload, under 256 KB). */
const TEXT_FIELDS = (
	'answer body comment description displayName email name note officeName phone reason subject ' +
	'text title'
).split(' ');

/** Plausible values, so that a payload with someone else's ids gets past the field checks. */
const PLAUSIBLE: Record<string, string> = {
	answer: 'yes',
	body: 'Ein Vorschlag für die Stadt',
	comment: 'Danke',
	decision: 'approve',
	description: 'Eine Beschreibung, lang genug für jede Prüfung.',
	displayName: 'Test',
	email: 'sweep@lindenau.example',
	endsOn: '2030-01-31',
	from: '2030-01-01',
	hours: '2',
	hoursPerMonth: '4',
	inspected: 'on',
	locale: 'de',
	month: '2030-01',
	name: 'Test',
	note: 'Notiz',
	rating: '5',
	reason: 'Test',
	startsOn: '2030-01-01',
	text: 'Hallo',
	title: 'Ein Titel',
	to: '2030-01-31',
	workedOn: '2030-01-02'
};

type Persona = { name: string; email?: string; organisation: string };
const PERSONAS: Persona[] = [
	{ name: 'anonymous', organisation: ORG.lernpaten.id },
	{ name: 'helper', email: seed.people.mara.email, organisation: ORG.lernpaten.id },
	{ name: 'org coordinator', email: seed.people.emre.email, organisation: ORG.lernpaten.id },
	{
		name: 'municipal coordinator',
		email: seed.people.katrin.email,
		organisation: ORG.freiwilligenagentur.id
	},
	{ name: 'admin', email: seed.people.admin.email, organisation: ORG.freiwilligenagentur.id }
];

/**
 * Every +page.server.ts with actions: its page's path, its actions, which take no input (they
 * can only be sent broken bodies: any well-formed post is the action itself) and which act on
 * a record named by an id (they also get plausible values with someone else's ids).
 */
type Page = { file: string; path: string; actions: string[]; noInput?: string[]; byId?: string[] };
const C = '(signed-in)/coordinator/[organisationId]';
const PAGES: Page[] = [
	{
		file: '(signed-in)/admin',
		path: '/admin',
		actions: ['create', 'invite', 'resend', 'withdraw'],
		byId: ['resend', 'withdraw']
	},
	{
		file: `${C}/approvals`,
		path: '/coordinator/{org}/approvals',
		actions: ['decide', 'decideMany'],
		byId: ['decide', 'decideMany']
	},
	{
		file: `${C}/batch`,
		path: '/coordinator/{org}/batch',
		actions: ['plan', 'send'],
		noInput: ['plan'],
		byId: ['send']
	},
	{
		file: `${C}/hours`,
		path: '/coordinator/{org}/hours',
		actions: ['review', 'confirmMonth'],
		byId: ['review', 'confirmMonth']
	},
	{
		file: `${C}/inspections`,
		path: '/coordinator/{org}/inspections',
		actions: ['record'],
		byId: ['record']
	},
	{
		file: `${C}/matches`,
		path: '/coordinator/{org}/matches',
		actions: ['complete', 'withdraw', 'feedback'],
		byId: ['complete', 'withdraw', 'feedback']
	},
	{
		file: `${C}/needs/[needId]`,
		path: '/coordinator/{org}/needs/{need}',
		actions: ['cancel', 'complete', 'propose', 'accept', 'decline', 'withdraw'],
		byId: ['cancel', 'complete', 'propose', 'accept', 'decline', 'withdraw']
	},
	{
		file: `${C}/needs/[needId]/edit`,
		path: '/coordinator/{org}/needs/{need}/edit',
		actions: ['save'],
		byId: ['save']
	},
	{ file: `${C}/needs/new`, path: '/coordinator/{org}/needs/new', actions: ['save'] },
	{
		file: `${C}/pool`,
		path: '/coordinator/{org}/pool',
		actions: [
			'invite',
			'resend',
			'withdraw',
			'verify',
			'unverify',
			'pause',
			'resume',
			'remove',
			'note'
		],
		byId: ['resend', 'withdraw', 'verify', 'unverify', 'pause', 'resume', 'remove', 'note']
	},
	{
		file: `${C}/pool/message`,
		path: '/coordinator/{org}/pool/message',
		actions: ['default'],
		byId: ['default']
	},
	{
		file: `${C}/suggestions`,
		path: '/coordinator/{org}/suggestions',
		actions: ['answer'],
		byId: ['answer']
	},
	{
		file: `${C}/team`,
		path: '/coordinator/{org}/team',
		actions: ['invite', 'remove', 'resend', 'withdraw'],
		byId: ['remove', 'resend', 'withdraw']
	},
	{
		file: `${C}/town`,
		path: '/coordinator/{org}/town',
		actions: [
			'policies',
			'addDistrict',
			'updateDistrict',
			'createNonprofit',
			'invite',
			'resend',
			'withdraw'
		],
		byId: ['updateDistrict', 'resend', 'withdraw']
	},
	{
		file: '(signed-in)/hours',
		path: '/hours',
		actions: ['log', 'correct', 'withdraw'],
		byId: ['log', 'correct', 'withdraw']
	},
	{
		file: '(signed-in)/matches',
		path: '/matches',
		actions: ['accept', 'decline', 'withdraw', 'feedback'],
		byId: ['accept', 'decline', 'withdraw', 'feedback']
	},
	{ file: '(signed-in)/needs', path: '/needs', actions: ['help'], byId: ['help'] },
	{
		file: '(signed-in)/needs/[needId]',
		path: `/needs/${FOREIGN.need}`,
		actions: ['help'],
		byId: ['help']
	},
	{ file: '(signed-in)/offer', path: '/offer', actions: ['save'] },
	{
		file: '(signed-in)/pools',
		path: '/pools',
		actions: ['accept', 'decline', 'leave', 'acceptCoordinator', 'declineCoordinator'],
		byId: ['accept', 'decline', 'leave', 'acceptCoordinator', 'declineCoordinator']
	},
	{
		file: '(signed-in)/profile',
		path: '/profile',
		actions: ['save', 'mailPreferences', 'calendarCreate', 'calendarRenew', 'calendarRevoke'],
		noInput: ['calendarCreate', 'calendarRenew', 'calendarRevoke']
	},
	{ file: '(signed-in)/profile/data', path: '/profile/data', actions: ['delete'] },
	{ file: '(signed-in)/suggest', path: '/suggest', actions: ['suggest'] },
	{ file: 'check-in', path: '/check-in', actions: ['default'] },
	{ file: 'language', path: '/language', actions: ['default'] },
	{ file: 'sign-in', path: '/sign-in', actions: ['request', 'verify'] },
	{ file: 'sign-out', path: '/sign-out', actions: ['default'], noInput: ['default'] },
	{ file: 'unsubscribe', path: '/unsubscribe', actions: ['default'] }
];

/** Every +server.ts, with malformed values for its parameters (GET; other methods are 405). */
const ENDPOINTS: { file: string; path: (bad: string) => string }[] = [
	{ file: 'calendar/[token]', path: (bad) => `/calendar/${bad}` },
	{ file: '(signed-in)/profile/data/export', path: (bad) => `/profile/data/export?format=${bad}` },
	{ file: `${C}/report/export/[table]`, path: (bad) => `/coordinator/${bad}/report/export/${bad}` },
	{ file: 'dev/checksum', path: (bad) => `/dev/checksum?${bad}` }
];

/** Page routes with parameters, read with malformed parameters (a GET must not 500 either). */
const PARAM_PAGES = [
	(bad: string) => `/needs/${bad}`,
	(bad: string) => `/towns/${bad}`,
	(bad: string) => `/coordinator/${bad}`,
	(bad: string) => `/coordinator/${ORG.lernpaten.id}/needs/${bad}`,
	(bad: string) => `/coordinator/${bad}/report/print?from=${bad}&to=${bad}`,
	(bad: string) => `/needs?category=${bad}&district=${bad}&q=${bad}`,
	(bad: string) => `/check-in?t=${bad}`,
	(bad: string) => `/unsubscribe?t=${bad}`,
	(bad: string) => `/sign-in?next=${bad}`
];
const BAD_PARAMS = ['abc', '%00', '%ED%A0%80', "'%3B--", 'x'.repeat(5_000), FOREIGN.need, NOWHERE];

/** The kind of person a page is for: they get each field 100 000 characters long on its own. */
const home = (path: string) =>
	path.startsWith('/admin')
		? 'admin'
		: /\/(approvals|town|suggestions|inspections)$/.test(path)
			? 'municipal coordinator'
			: path.startsWith('/coordinator')
				? 'org coordinator'
				: /^\/(sign-in|sign-out|check-in|language|unsubscribe)$/.test(path)
					? 'anonymous'
					: 'helper';

const routesDir = join(process.cwd(), 'src', 'routes');
function* walk(dir: string): Generator<string> {
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) yield* walk(path);
		else yield relative(routesDir, path);
	}
}

test('the sweep lists every form action and every endpoint of src/routes', () => {
	const files = [...walk(routesDir)];
	const withActions = files
		.filter((f) => f.endsWith('+page.server.ts'))
		.filter((f) => /export const actions/.test(readFileSync(join(routesDir, f), 'utf8')))
		.map((f) => f.replace(/\/?\+page\.server\.ts$/, ''));
	expect(PAGES.map((p) => p.file).sort()).toEqual(withActions.sort());
	const endpoints = files
		.filter((f) => f.endsWith('+server.ts'))
		.map((f) => f.replace(/\/?\+server\.ts$/, ''));
	expect(ENDPOINTS.map((e) => e.file).sort()).toEqual(endpoints.sort());
	// Every id field gets a record of its own kind.
	expect(ID_FIELDS.filter((f) => !KIND_OF[f])).toEqual([]);
	// Each listed action is one the file (or the shared module it spreads in) names.
	for (const page of PAGES) {
		const text = readFileSync(join(routesDir, page.file, '+page.server.ts'), 'utf8');
		const shared = /invitationActions/.test(text) ? ['resend', 'withdraw'] : [];
		for (const action of page.actions)
			expect(
				action === 'default'
					? /\bdefault\b/.test(text)
					: new RegExp(`\\b${action}\\b`).test(text) || shared.includes(action),
				`${page.file} ?/${action}`
			).toBe(true);
	}
});

// ---------------------------------------------------------------------------------------------
// The sweep's own server.

const freePort = () =>
	new Promise<number>((resolve, reject) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() =>
				typeof address === 'object' && address ? resolve(address.port) : reject()
			);
		});
	});

/**
 * A huge body refused early (adapter-node's 413) makes the server close that keep-alive
 * connection, and a request another job had just sent on it fails before it was read: send it
 * again, twice at most, after a pause.
 */
async function again<T>(send: () => Promise<T>): Promise<T> {
	for (let attempt = 0; ; attempt++) {
		try {
			return await send();
		} catch (error) {
			if (attempt === 2) throw error;
			await new Promise((resolve) => setTimeout(resolve, 250 * (attempt + 1)));
		}
	}
}

/** Posts as the page's enhanced form does and holds the answer to a success. */
async function act(request: APIRequestContext, url: string, form: Record<string, string>) {
	const response = await request.post(url, {
		form,
		headers: { origin, accept: 'application/json', 'x-sveltekit-action': 'true' },
		maxRedirects: 0
	});
	const text = await response.text();
	expect((JSON.parse(text) as { type?: string }).type, `${url}: ${text.slice(0, 300)}`).toBe(
		'success'
	);
}

/** The id a page's form carries in its hidden field (the newest first where the page sorts so). */
async function idOn(request: APIRequestContext, url: string, field: string) {
	const html = await (await request.get(url)).text();
	const found = new RegExp(`name="${field}" value="([0-9a-f-]{36})"`).exec(html);
	expect(found, `${field} on ${url}`).not.toBeNull();
	return found![1]!;
}

/**
 * Someone else's records of every kind, in the same town and in the other one. The seed has no
 * invitation, and no match, hour log or suggestion in Birkenhain: they are made here, before the
 * checksum, by the people whose they are — Helga (Nachbarschaftshilfe) and Sabine (Helferkreis)
 * invite someone to their pools, Ines offers to help with the Helferkreis's need 32, Sabine
 * accepts, Ines logs an hour and suggests something to Birkenhain.
 */
async function othersRecords(browser: Browser): Promise<{ sameTown: Records; otherTown: Records }> {
	const as = async (email: string) => {
		const context = await browser.newContext({ baseURL: origin });
		await signIn(await context.newPage(), email);
		return context;
	};
	const [helga, sabine, ines] = [
		await as(seed.people.helga.email),
		await as(seed.people.sabine.email),
		await as(seed.people.ines.email)
	];
	const nh = `/coordinator/${ORG.nachbarschaftshilfe.id}`;
	const hk = `/coordinator/${ORG.helferkreis.id}`;
	const need = seed.needs.spielenachmittag.id;
	await act(helga.request, `${nh}/pool?/invite`, {
		email: 'sweep.invited@lindenau.example',
		locale: 'de'
	});
	await act(sabine.request, `${hk}/pool?/invite`, {
		email: 'sweep.invited@birkenhain.example',
		locale: 'de'
	});
	await act(ines.request, `/needs/${need}?/help`, { needId: need });
	const match = await idOn(sabine.request, `${hk}/needs/${need}`, 'matchId');
	await act(sabine.request, `${hk}/needs/${need}?/accept`, { matchId: match });
	await act(ines.request, '/hours?/log', {
		matchId: match,
		workedOn: new Date().toISOString().slice(0, 10),
		hours: '1',
		note: 'Karten gespielt.'
	});
	await act(ines.request, '/suggest?/suggest', {
		municipalityId: FOREIGN.municipality,
		districtId: FOREIGN.district,
		body: 'Ein Bücherschrank in der Ortsmitte wäre schön.'
	});
	const otherTown: Records = {
		organisation: ORG.helferkreis.id,
		municipality: FOREIGN.municipality,
		need,
		match,
		log: await idOn(sabine.request, `${hk}/hours`, 'logId'),
		membership: uuid('000c', 202_022), // Ines S. in the Helferkreis's pool
		invitation: await idOn(sabine.request, `${hk}/pool`, 'invitationId'),
		district: FOREIGN.district,
		suggestion: await idOn(
			sabine.request,
			`/coordinator/${ORG.buergerbuero.id}/suggestions`,
			'suggestionId'
		),
		person: seed.people.ines.id
	};
	const sameTown: Records = {
		...otherTown,
		...SAME_TOWN,
		invitation: await idOn(helga.request, `${nh}/pool`, 'invitationId')
	};
	for (const context of [helga, sabine, ines]) await context.close();
	return { sameTown, otherTown };
}

let server: ChildProcess | undefined;
let dataDir = '';
let origin = '';
let log = '';

test.describe('malformed payloads', () => {
	test.describe.configure({ mode: 'serial', timeout: 30 * 60_000 });
	// One project is enough: the server is the same for phone and desktop.
	test.skip(({ isMobile }) => isMobile, 'runs once, on desktop');

	test.beforeAll(async () => {
		test.setTimeout(5 * 60_000);
		dataDir = mkdtempSync(join(tmpdir(), 'zeitspende-sweep-'));
		const port = await freePort();
		origin = `http://127.0.0.1:${port}`;
		server = spawn(process.execPath, [join(process.cwd(), 'build', 'index.js')], {
			env: {
				...process.env,
				PORT: String(port),
				HOST: '127.0.0.1',
				ORIGIN: origin,
				ZEITSPENDE_DEV_OUTBOX: '1',
				ZEITSPENDE_JOBS: '0',
				AUTH_SECRET: E2E_AUTH_SECRET,
				...E2E_OPERATOR,
				SIGN_IN_PER_IP_PER_HOUR: '1000',
				PGLITE_DATA_DIR: dataDir,
				DATABASE_URL: '',
				SMTP_URL: '',
				PUBLIC_SUPABASE_URL: ''
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		server.stdout?.on('data', (chunk) => (log += chunk));
		server.stderr?.on('data', (chunk) => (log += chunk));
		// A server that stops during the sweep is its worst finding: say why at once.
		server.on('exit', (code, signal) =>
			console.log(`sweep server exited (${code ?? signal}):\n${log.slice(-6000)}`)
		);
		for (let i = 0; ; i++) {
			const up = await fetch(origin).then(
				(r) => r.ok,
				() => false
			);
			if (up) break;
			if (i > 600 || server.exitCode !== null)
				throw new Error(`sweep server did not start:\n${log}`);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	});

	test.afterAll(() => {
		server?.kill();
		if (dataDir) rmSync(dataDir, { recursive: true, force: true });
	});

	test('nothing accepted, no 5xx, no row changed, no stack trace logged', async ({ browser }) => {
		const sessions = new Map<string, BrowserContext>();
		for (const persona of PERSONAS) {
			const context = await browser.newContext({ baseURL: origin });
			if (persona.email) await signIn(await context.newPage(), persona.email);
			sessions.set(persona.name, context);
		}
		const others = await othersRecords(browser);
		const checksum = async () =>
			(await (await fetch(`${origin}/dev/checksum`)).json()) as Record<string, string>;
		const before = await checksum();
		log = '';

		let tried = 0;
		const accepted: string[] = [];
		const errors: string[] = [];
		const notFoundMismatch: string[] = [];

		/** Printed at once too: a run that times out still shows what it found. */
		const finding = (list: string[], text: string) => {
			list.push(text);
			console.log(`sweep finding: ${text}`);
		};
		const judge = async (what: string, response: APIResponse, json: boolean) => {
			tried++;
			const status = response.status();
			const text = await response.text();
			if (status >= 500) return finding(errors, `${status} ${what}: ${text.slice(0, 200)}`);
			if (!json) {
				if (status < 400 && !(status === 303 && /sign-in/.test(response.headers().location ?? '')))
					finding(accepted, `${status} ${what}`);
				return;
			}
			let result: { type?: string; location?: string; data?: string } = {};
			try {
				result = JSON.parse(text);
			} catch {
				/* a plain answer (e.g. adapter-node's 413) */
			}
			// The language switch takes German and the start page for anything it does not know
			// (src/routes/language): a cookie, no row; the checksum below still holds it to that.
			if (what.includes(' /language ')) return;
			// Answers for many at once report what they refused: all of it is no acceptance.
			if (result.type === 'success' && result.data) {
				const data = parse(result.data) as Record<string, unknown> | null;
				const none = ['confirmedMany', 'done', 'sent'].some((key) => data?.[key] === 0);
				if (none) return;
			}
			if (
				result.type === 'success' ||
				(result.type === 'redirect' && !result.location?.startsWith('/sign-in'))
			)
				finding(accepted, `${result.type} ${what}: ${text.slice(0, 200)}`);
			if (status < 400 && !result.type) finding(accepted, `${status} ${what}`);
		};

		for (const persona of PERSONAS) {
			const request: APIRequestContext = sessions.get(persona.name)!.request;
			const headers = { origin, accept: 'application/json', 'x-sveltekit-action': 'true' };
			const orgs = persona.email?.includes('lindenau')
				? [persona.organisation, FOREIGN.organisation]
				: [persona.organisation];
			const jobs: (() => Promise<unknown>)[] = [];
			// Someone else's records: the town's coordinator governs her town's, so hers are the other
			// town's only.
			const idSets: [string, Records][] =
				persona.name === 'municipal coordinator'
					? [["the other town's ids", others.otherTown]]
					: [
							["another organisation's ids", others.sameTown],
							["the other town's ids", others.otherTown]
						];
			// A need page is another town's need; the Lernpaten's coordinator's is also their own
			// need, where the actions that read fields get to them.
			const targets = (page: Page, org: string): [string, string[]][] =>
				page.path.includes('{need}') &&
				persona.name === 'org coordinator' &&
				org === persona.organisation
					? [
							[FOREIGN.need, page.actions],
							[OWN_NEED, page.actions.filter((a) => OWN_NEED_ACTIONS.includes(a))]
						]
					: [[FOREIGN.need, page.actions]];
			for (const page of PAGES)
				for (const org of orgs)
					for (const [need, actions] of targets(page, org)) {
						if (org !== persona.organisation && !page.path.includes('{org}')) continue;
						const path = page.path.replace('{org}', org).replace('{need}', need);
						// On another town's pages and, signed out, on the signed-in pages, the request is turned
						// away before its fields are read: a few payloads show that, all of them add nothing.
						// Every payload goes to the page's own kind of person; the others get a few, which their
						// role turns away before the fields matter.
						const full = org === persona.organisation && persona.name === home(page.path);
						for (const action of actions) {
							const url = action === 'default' ? path : `${path}?/${action}`;
							const what = (payload: string) => `${persona.name} ${url} ${payload}`;
							const post = (
								payload: string,
								options: Parameters<APIRequestContext['post']>[1],
								json = true
							) =>
								jobs.push(async () => {
									const send = () =>
										request.post(url, {
											maxRedirects: 0,
											...options,
											headers: { ...(json ? headers : { origin }), ...options?.headers }
										});
									const response = await again(send).catch((error: Error) => error);
									if (!(response instanceof Error)) return judge(what(payload), response, json);
									tried++;
									// Refusing a huge body by closing the connection is a refusal too.
									if (!payload.startsWith('huge body'))
										finding(
											errors,
											`no answer to ${what(payload)}: ${response.message.slice(0, 200)}`
										);
								});
							if (!full && !page.noInput?.includes(action)) {
								post('missing fields', { form: {} });
								for (const name of ['word for a number', 'no such id'])
									post(name, { form: Object.fromEntries(FIELDS.map((f) => [f, VALUES[name]!])) });
							}
							if (full) {
								// Broken bodies: every action, enhanced; the truncated one also as a plain form.
								post('text/plain', { headers: { 'content-type': 'text/plain' }, data: 'a=b' });
								post('no content type', { data: Buffer.from('a=b') });
								for (const json of [true, false]) {
									post(
										'truncated multipart',
										{
											headers: { 'content-type': 'multipart/form-data; boundary=X' },
											data: '--X\r\nContent-Disposition: form-data; name="a"\r\n\r\nb'
										},
										json
									);
								}
								post('multipart without boundary', {
									headers: { 'content-type': 'multipart/form-data' },
									data: '--X\r\n\r\n'
								});
								post('JSON', { headers: { 'content-type': 'application/json' }, data: '{"a":1}' });
								post('invalid urlencoded (lone surrogate bytes)', {
									headers: { 'content-type': 'application/x-www-form-urlencoded' },
									data: 'name=%ED%A0%80&title=%C3'
								});
								post('raw invalid UTF-8 in multipart', {
									headers: { 'content-type': 'multipart/form-data; boundary=X' },
									data: Buffer.concat([
										Buffer.from('--X\r\nContent-Disposition: form-data; name="title"\r\n\r\n'),
										Buffer.from([0xed, 0xa0, 0x80, 0xff]),
										Buffer.from('\r\n--X--\r\n')
									])
								});
								post('NUL in every field', {
									form: Object.fromEntries(FIELDS.map((f) => [f, 'a\0b']))
								});
								post('NUL in multipart', {
									multipart: Object.fromEntries(FIELDS.map((f) => [f, '\0']))
								});
								if (action === actions[0] && persona.name === home(page.path))
									post('huge body (every field 100 000 characters)', {
										form: Object.fromEntries(FIELDS.map((f) => [f, LONG]))
									});
								if (!page.noInput?.includes(action)) {
									post('missing fields', { form: {} });
									for (const [name, value] of Object.entries(VALUES))
										post(name, { form: Object.fromEntries(FIELDS.map((f) => [f, value])) });
									if (persona.name === home(page.path))
										for (let i = 0; i < TEXT_FIELDS.length; i += 2)
											post(`100 000 characters in ${TEXT_FIELDS[i]}, ${TEXT_FIELDS[i + 1]}`, {
												form: { [TEXT_FIELDS[i]!]: LONG, [TEXT_FIELDS[i + 1] ?? 'extra']: LONG }
											});
								}
							}
							// Someone else's ids with plausible values elsewhere; the same answer as for no record.
							if (page.byId?.includes(action) && persona.name !== 'admin') {
								const asked = async (ids: Records, label: string) => {
									const form = {
										...PLAUSIBLE,
										...Object.fromEntries(ID_FIELDS.map((f) => [f, ids[KIND_OF[f]!]])),
										pair: `${ids.need}:${ids.person}`,
										logIds: ids.log
									};
									const send = () => request.post(url, { form, headers, maxRedirects: 0 });
									const response = await again(send);
									const text = await response.text();
									await judge(
										what(label),
										{
											status: () => response.status(),
											text: async () => text,
											headers: () => response.headers()
										} as APIResponse,
										true
									);
									// The answer may echo the ids back (among the form's values, in a sign-in
									// link's path): that says nothing.
									const echoed = [
										...idSets.flatMap(([, set]) => Object.values(set)),
										...Object.values(NOTHING)
									].reduce((t, i) => t.split(i).join('<id>'), text);
									return `${response.status()} ${echoed}`;
								};
								for (const [label, ids] of idSets)
									jobs.push(async () => {
										const foreign = await asked(ids, label);
										const nowhere = await asked(NOTHING, 'ids of nothing');
										// "Ich kann helfen" with an open need of another town answers "another town":
										// open needs are readable by every signed-in person (the needs policy), so the
										// answer tells nothing one could not read.
										if (foreign === nowhere || /^\/needs(\/[0-9a-f-]{36})?\?\/help$/.test(url))
											return;
										if (label === "another organisation's ids" && SAME_TOWN_PROPOSAL.test(url))
											return;
										// Where the two answers part, and a little before.
										let at = 0;
										while (foreign[at] === nowhere[at]) at++;
										const from = Math.max(0, at - 60);
										finding(
											notFoundMismatch,
											`${what(label)}\n    other's: …${foreign.slice(from, at + 120)}\n    nothing: …${nowhere.slice(from, at + 120)}`
										);
									});
							}
						}
					}
			for (const endpoint of ENDPOINTS)
				for (const bad of BAD_PARAMS) {
					const url = endpoint.path(bad);
					// A GET writes nothing: only its status counts.
					jobs.push(async () => {
						tried++;
						const response = await request.get(url, { maxRedirects: 0 });
						if (response.status() >= 500)
							finding(errors, `${response.status()} ${persona.name} GET ${url.slice(0, 100)}`);
					});
					jobs.push(async () =>
						judge(
							`${persona.name} POST ${url.slice(0, 80)}`,
							await request.post(url, { maxRedirects: 0, headers: { origin }, form: { a: bad } }),
							false
						)
					);
				}
			for (const page of PARAM_PAGES)
				for (const bad of BAD_PARAMS) {
					const url = page(bad);
					jobs.push(async () => {
						tried++;
						const response = await request.get(url, { maxRedirects: 0 });
						if (response.status() >= 500)
							finding(errors, `${response.status()} ${persona.name} GET ${url.slice(0, 100)}`);
					});
				}
			// Four at a time: the embedded database answers one at a time anyway.
			const queue = [...jobs];
			await Promise.all(
				Array.from({ length: 4 }, async () => {
					for (let job = queue.shift(); job; job = queue.shift()) await job();
				})
			);
		}

		const after = await checksum();
		const changed = Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
		const stacks = log.split('\n').filter((line) => /^\s+at |Error:|\[[0-9a-f-]{36}\]/.test(line));
		console.log(
			`malformed sweep: ${tried} payloads to ${PAGES.reduce((n, p) => n + p.actions.length, 0)} form actions and ${ENDPOINTS.length} endpoints as ${PERSONAS.length} kinds of person: ` +
				`${accepted.length} accepted, ${errors.length} × 5xx, ${changed.length} tables changed, ${notFoundMismatch.length} id answers that tell records apart, ${stacks.length} log lines with a stack`
		);
		expect(errors, errors.join('\n')).toEqual([]);
		expect(accepted, accepted.join('\n')).toEqual([]);
		expect(changed, `tables changed: ${changed.join(', ')}`).toEqual([]);
		expect(notFoundMismatch, notFoundMismatch.join('\n')).toEqual([]);
		expect(stacks, log.slice(0, 4000)).toEqual([]);
		for (const context of sessions.values()) await context.close();
	});
});
