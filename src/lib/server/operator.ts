// Who runs this Zeitspende: the operator's details for the imprint (§ 5 DDG), the privacy notice
// (Art. 13 GDPR) and the accessibility statement (BITV 2.0), read from OPERATOR_* variables.
// Development runs on clearly marked demo details; a production build refuses to start without
// the required ones (init in hooks.server.ts), unless OPERATOR_DEMO=1 asks for the demo details.
import { z } from 'zod';
import type { Operator } from '$lib/legal/operator';

export type { Operator };

const text = (max: number) =>
	z
		.string()
		.trim()
		.max(max)
		// Control characters (a pasted NUL, a stray escape) have no place on a legal page.
		.refine((value) => !/\p{Cc}/u.test(value));
// Stryker disable MethodExpression: blank variables are left out before parsing, so trimming here
// only repeats what text() does
const optional = (max: number) =>
	z
		.string()
		.optional()
		.transform((value) => value?.trim() || undefined)
		.pipe(text(max).optional());
// Stryker restore MethodExpression
const email = () => z.string().trim().pipe(z.email().max(254));
const url = () =>
	// Stryker disable next-line MethodExpression: z.url() reads an address without its surrounding blanks too
	z
		.string()
		.trim()
		.pipe(z.url({ protocol: /^https?$/ }).max(500));
const phone = () => text(40).regex(/^[0-9 +()/-]{5,40}$/);

/**
 * Variable names and what each must hold (the refusal names a variable, never what is wrong with
 * its value). Built per call, once per process: a schema built when the module loads would keep
 * its first rules, and Stryker could not try others per test.
 */
const schemaOf = () =>
	z.object({
		OPERATOR_NAME: text(200).min(2),
		OPERATOR_ADDRESS: text(300).min(5),
		OPERATOR_REPRESENTATIVE: text(200).min(2),
		OPERATOR_EMAIL: email(),
		OPERATOR_PHONE: phone(),
		OPERATOR_SUPERVISORY_AUTHORITY: optional(300),
		OPERATOR_VAT_ID: optional(40),
		OPERATOR_CONTENT_RESPONSIBLE: optional(300),
		OPERATOR_DPO_NAME: optional(200),
		OPERATOR_DPO_EMAIL: email(),
		OPERATOR_DATA_AUTHORITY: text(300).min(5),
		OPERATOR_DATA_AUTHORITY_URL: url(),
		OPERATOR_PROCESSORS: optional(1000),
		OPERATOR_ACCESSIBILITY_EMAIL: email().optional(),
		OPERATOR_ACCESSIBILITY_PHONE: phone().optional(),
		OPERATOR_ACCESSIBILITY_REVIEWED: z
			.string()
			.regex(/^\d{4}-\d{2}-\d{2}$/)
			.optional(),
		OPERATOR_ENFORCEMENT_NAME: text(300).min(5),
		OPERATOR_ENFORCEMENT_URL: url()
	});

type Variables = z.input<ReturnType<typeof schemaOf>>;
export type OperatorVariable = keyof Variables;

/** Fictional details for development and demos: every page that shows them says so. */
// Stryker disable all: module-level data, switched only when the module loads; the tests compare
// the demo operator with DEMO_OPERATOR itself
export const DEMO_OPERATOR: Required<Omit<Variables, 'OPERATOR_VAT_ID' | 'OPERATOR_PROCESSORS'>> = {
	OPERATOR_NAME: 'Stadt Lindenau am See – Freiwilligenagentur (Beispiel)',
	OPERATOR_ADDRESS: 'Marktplatz 1, 99999 Lindenau am See',
	OPERATOR_REPRESENTATIVE: 'Bürgermeisterin Erika Beispiel',
	OPERATOR_EMAIL: 'zeitspende@lindenau.example',
	OPERATOR_PHONE: '+49 9999 000-0',
	OPERATOR_SUPERVISORY_AUTHORITY: 'Landratsamt Seekreis, Kommunalaufsicht (Beispiel)',
	OPERATOR_CONTENT_RESPONSIBLE: 'Max Beispiel, Marktplatz 1, 99999 Lindenau am See',
	OPERATOR_DPO_NAME: 'Datenschutzbeauftragte der Stadt Lindenau am See (Beispiel)',
	OPERATOR_DPO_EMAIL: 'datenschutz@lindenau.example',
	OPERATOR_DATA_AUTHORITY: 'Landesbeauftragte für den Datenschutz (Beispiel)',
	OPERATOR_DATA_AUTHORITY_URL: 'https://datenschutz.example',
	OPERATOR_ACCESSIBILITY_EMAIL: 'barrierefreiheit@lindenau.example',
	OPERATOR_ACCESSIBILITY_PHONE: '+49 9999 000-10',
	OPERATOR_ACCESSIBILITY_REVIEWED: '2026-11-28',
	OPERATOR_ENFORCEMENT_NAME: 'Schlichtungsstelle nach dem Behindertengleichstellungsgesetz',
	OPERATOR_ENFORCEMENT_URL: 'https://www.schlichtungsstelle-bgg.de'
};

/** The date of this statement when the operator names none: when the app's own checks last ran. */
export const STATEMENT_DATE = '2026-11-28';
// Stryker restore all

/**
 * The operator from these variables. Without any OPERATOR_* variable, development (and a production
 * build with OPERATOR_DEMO=1) gets the demo details; otherwise every required variable must be set
 * and valid, or this throws naming the variables at fault (never their values).
 */
export function readOperator(
	vars: Record<string, string | undefined>,
	{ production }: { production: boolean }
): Operator {
	const given = Object.fromEntries(
		Object.entries(vars).filter(([key, value]) => key.startsWith('OPERATOR_') && value?.trim())
	);
	delete given.OPERATOR_DEMO;
	const demo = Object.keys(given).length === 0 && (!production || vars.OPERATOR_DEMO === '1');
	const parsed = schemaOf().safeParse(demo ? DEMO_OPERATOR : given);
	if (!parsed.success) {
		const names = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))];
		throw new Error(
			`Operator details missing or invalid: ${names.join(', ')} (see README, "Operator details"; OPERATOR_DEMO=1 shows fictional ones)`
		);
	}
	const v = parsed.data;
	return {
		demo,
		name: v.OPERATOR_NAME,
		address: v.OPERATOR_ADDRESS,
		representative: v.OPERATOR_REPRESENTATIVE,
		email: v.OPERATOR_EMAIL,
		phone: v.OPERATOR_PHONE,
		supervisoryAuthority: v.OPERATOR_SUPERVISORY_AUTHORITY,
		vatId: v.OPERATOR_VAT_ID,
		contentResponsible: v.OPERATOR_CONTENT_RESPONSIBLE,
		dpo: { name: v.OPERATOR_DPO_NAME, email: v.OPERATOR_DPO_EMAIL },
		dataAuthority: { name: v.OPERATOR_DATA_AUTHORITY, url: v.OPERATOR_DATA_AUTHORITY_URL },
		processors: v.OPERATOR_PROCESSORS,
		accessibility: {
			email: v.OPERATOR_ACCESSIBILITY_EMAIL ?? v.OPERATOR_EMAIL,
			phone: v.OPERATOR_ACCESSIBILITY_PHONE ?? v.OPERATOR_PHONE,
			reviewed: v.OPERATOR_ACCESSIBILITY_REVIEWED ?? STATEMENT_DATE
		},
		enforcement: { name: v.OPERATOR_ENFORCEMENT_NAME, url: v.OPERATOR_ENFORCEMENT_URL }
	};
}
