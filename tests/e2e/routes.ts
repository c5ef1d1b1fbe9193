// Every page the accessibility sweep visits, by who sees it, with its heading in both languages.
// tests/e2e/a11y.spec.ts opens them with axe on the way (between its refused forms), and
// tests/e2e/zoom.spec.ts checks each one for sideways scrolling at 320 px and at 200 % zoom.
import { checkInToken } from '../../src/lib/server/mail/check-in.ts';
import { seed } from '../support/seed-ids.ts';
import { E2E_AUTH_SECRET } from './auth-secret.ts';

export type Locale = 'de' | 'en';

/** A page as someone opens it: its path (with query), and its level-1 heading in each language. */
export interface Route {
	path: string;
	heading: Record<Locale, string>;
	/** The heading goes on (the print view's heading adds the period). */
	headingStartsWith?: true;
}

const route = (path: string, de: string, en: string, startsWith?: true): Route => ({
	path,
	heading: { de, en },
	...(startsWith && { headingStartsWith: startsWith })
});

const { organisations: orgs, municipalities: towns, needs } = seed;
const lernpaten = `/coordinator/${orgs.lernpaten.id}`;
const agency = `/coordinator/${orgs.freiwilligenagentur.id}`;
const neighbours = `/coordinator/${orgs.nachbarschaftshilfe.id}`;
// Fixed, so every run and both checks ask for the same unknown things.
const UNKNOWN_ORGANISATION = '00000000-0003-4000-8000-00000000dead';
const UNKNOWN_NEED = '00000000-0005-4000-8000-00000000dead';
const UNKNOWN_MATCH = '00000000-0006-4000-8000-00000000dead';
// A genuine check-in link (signed with the e2e server's key) for a match that does not exist:
// it asks like any other, and its answer records nothing.
const checkIn = checkInToken(E2E_AUTH_SECRET, {
	match: UNKNOWN_MATCH,
	helper: seed.people.mara.id,
	month: '2026-01-01',
	answer: 'fine'
});
const forbidden = ['Kein Zugriff', 'No access'] as const;
const notFound = ['Seite nicht gefunden', 'Page not found'] as const;

export const routes = {
	anonymous: {
		home: route(
			'/',
			'Schenk deiner Stadt ein paar Stunden im Monat',
			'Give your town a few hours a month'
		),
		signIn: route('/sign-in', 'Anmelden', 'Sign in'),
		outbox: route('/dev/outbox', 'Postausgang (Entwicklung)', 'Outbox (development)'),
		lindenau: route(`/towns/${towns.lindenau.id}`, towns.lindenau.name, towns.lindenau.name),
		birkenhain: route(
			`/towns/${towns.birkenhain.id}`,
			towns.birkenhain.name,
			towns.birkenhain.name
		),
		notFound: route('/gibt-es-nicht', ...notFound),
		offline: route('/offline', 'Keine Verbindung', 'No connection'),
		imprint: route('/imprint', 'Impressum', 'Imprint (legal notice)'),
		privacy: route('/privacy', 'Datenschutzerklärung', 'Privacy notice'),
		accessibility: route(
			'/accessibility',
			'Erklärung zur Barrierefreiheit',
			'Accessibility statement'
		),
		easyRead: route('/easy-read', 'Zeitspende in Leichter Sprache', 'Zeitspende in Easy Read'),
		unsubscribe: route('/unsubscribe?t=broken', 'E-Mails abbestellen', 'Stop e-mails'),
		checkIn: route('/check-in?t=broken', 'Wie läuft es?', 'How is it going?'),
		checkInAsks: route(`/check-in?t=${checkIn}`, 'Wie läuft es?', 'How is it going?')
	},
	/** Emre A., coordinator of the Lernpaten. */
	emre: {
		profile: route('/profile', 'Mein Profil', 'My profile'),
		offer: route('/offer', 'Dein Angebot in einer Minute', 'Your offer in a minute'),
		organisation: route(lernpaten, orgs.lernpaten.name, orgs.lernpaten.name),
		hours: route(`${lernpaten}/hours`, 'Stunden prüfen', 'Review hours'),
		matches: route(`${lernpaten}/matches`, 'Vermittlungen', 'Matches'),
		message: route(`${lernpaten}/pool/message`, 'An Helfende schreiben', 'Write to helpers'),
		// Another organisation's page answers as an unknown one; the town's pages are refused.
		otherOrganisation: route(neighbours, ...notFound),
		unknownOrganisation: route(`/coordinator/${UNKNOWN_ORGANISATION}`, ...notFound),
		approvals: route(`${lernpaten}/approvals`, ...forbidden),
		pool: route(`${lernpaten}/pool`, 'Helferpool', 'Helper pool'),
		// Viewed only: nothing is planned or sent by the sweeps.
		batch: route(
			`${lernpaten}/batch`,
			'Vorschläge für alle offenen Bedarfe',
			'Proposals for all open needs'
		),
		inspections: route(`${lernpaten}/inspections`, '§72a-Einsichtnahmen', '§72a inspections'),
		newNeed: route(`${lernpaten}/needs/new`, 'Neuer Bedarf', 'New need'),
		need: route(
			`${lernpaten}/needs/${needs.lernpatenschaftDeutsch.id}`,
			needs.lernpatenschaftDeutsch.title,
			needs.lernpatenschaftDeutsch.title
		),
		editNeed: route(
			`${lernpaten}/needs/${needs.lernpatenschaftDeutsch.id}/edit`,
			'Bedarf bearbeiten',
			'Edit need'
		)
	},
	/** Katrin B., the town's volunteer agency. */
	katrin: {
		approvals: route(`${agency}/approvals`, 'Freigaben', 'Approvals'),
		report: route(`${agency}/report`, 'Bericht der Stadt', 'Town report'),
		refusedReport: route(
			`${agency}/report?from=2026-06&to=2026-01`,
			'Bericht der Stadt',
			'Town report'
		),
		printReport: route(`${agency}/report/print`, 'Bericht der Stadt', 'Town report', true),
		town: route(`${agency}/town`, 'Kommune Lindenau am See einrichten', 'Set up Lindenau am See'),
		team: route(`${agency}/team`, 'Koordinationsteam', 'Coordination team')
	},
	/** Mara S., a helper with an active match and a proposal. */
	mara: {
		hours: route('/hours', 'Meine Stunden', 'My hours'),
		certificate: route('/certificate', 'Ehrenamtsnachweis', 'Certificate of engagement'),
		refusedCertificate: route(
			'/certificate?from=2026-05&to=2026-04',
			'Ehrenamtsnachweis',
			'Certificate of engagement'
		),
		matches: route('/matches', 'Meine Vermittlungen', 'My matches'),
		needs: route('/needs?category=homework', 'Bedarfe, die zu dir passen', 'Needs that fit you'),
		need: route(
			'/needs/00000000-0005-4000-8000-000000000012',
			'Englisch-Nachhilfe für die 9. Klasse (online)',
			'Englisch-Nachhilfe für die 9. Klasse (online)'
		),
		unknownNeed: route(`/needs/${UNKNOWN_NEED}`, ...notFound),
		pools: route('/pools', 'Meine Pools', 'My pools'),
		// Coordinating no organisation: the list, empty, says so.
		noCoordination: route('/coordinator', 'Koordination', 'Coordination'),
		data: route('/profile/data', 'Meine Daten', 'My data')
	},
	/** Sabine H., coordinator of two organisations in Birkenhain: /coordinator lists them. */
	sabine: {
		coordination: route('/coordinator', 'Koordination', 'Coordination')
	},
	/** Heinz H., a helper who suggests a need. */
	heinz: {
		suggest: route('/suggest', 'Einen Bedarf vorschlagen', 'Suggest a need')
	},
	/** Helga M., the Nachbarschaftshilfe: the town's suggestions, a need from one. */
	helga: {
		suggestions: route(
			`${neighbours}/suggestions`,
			'Vorschläge aus Lindenau am See',
			'Suggestions from Lindenau am See'
		),
		needFromSuggestion: route(
			`${neighbours}/needs/new?suggestion=00000000-000a-4000-8000-000000000002`,
			'Neuer Bedarf',
			'New need'
		)
	},
	/** The platform admin. */
	admin: {
		mail: route('/admin/mail', 'Fehlgeschlagene E-Mails', 'Failed e-mails'),
		admin: route('/admin', 'Plattform-Verwaltung', 'Platform administration')
	}
} as const satisfies Record<string, Record<string, Route>>;

export type Persona = keyof typeof routes;

/** Who signs in for a persona's pages (nobody for the anonymous ones). */
export const personaEmail: Record<Persona, string | undefined> = {
	anonymous: undefined,
	emre: seed.people.emre.email,
	katrin: seed.people.katrin.email,
	mara: seed.people.mara.email,
	sabine: seed.people.sabine.email,
	heinz: seed.people.heinz.email,
	helga: seed.people.helga.email,
	admin: seed.people.admin.email
};
