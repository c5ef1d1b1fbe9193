// The operator's details for the imprint, privacy notice and accessibility statement
// (src/lib/server/operator.ts): demo details only in development or when asked for, every
// required variable in production, nothing invalid shown.
import { describe, expect, it } from 'vitest';
import { DEMO_OPERATOR, readOperator, STATEMENT_DATE } from '../../../src/lib/server/operator.ts';

/** A real operator's variables (fictional town, real shape). */
const real = {
	OPERATOR_NAME: 'Gemeinde Neudorf',
	OPERATOR_ADDRESS: 'Rathausplatz 2, 12345 Neudorf',
	OPERATOR_REPRESENTATIVE: 'Bürgermeister Paul Neumann',
	OPERATOR_EMAIL: 'ehrenamt@neudorf.example',
	OPERATOR_PHONE: '+49 1234 5678-0',
	OPERATOR_DPO_EMAIL: 'dsb@neudorf.example',
	OPERATOR_DATA_AUTHORITY: 'Landesbeauftragte für Datenschutz Neuland',
	OPERATOR_DATA_AUTHORITY_URL: 'https://datenschutz.neuland.example',
	OPERATOR_ENFORCEMENT_NAME: 'Ombudsstelle für Barrierefreiheit Neuland',
	OPERATOR_ENFORCEMENT_URL: 'https://ombudsstelle.neuland.example/'
};

describe('operator details', () => {
	it('development without any OPERATOR_* variable: the demo details, marked as demo', () => {
		const op = readOperator({ PATH: '/bin' }, { production: false });
		expect(op.demo).toBe(true);
		expect(op.name).toBe(DEMO_OPERATOR.OPERATOR_NAME);
		expect(op.name).toMatch(/Beispiel/);
		expect(op.accessibility.email).toBe(DEMO_OPERATOR.OPERATOR_ACCESSIBILITY_EMAIL);
	});

	it('production without them refuses, naming the missing variables', () => {
		expect(() => readOperator({}, { production: true })).toThrow(
			/OPERATOR_NAME.*OPERATOR_ADDRESS.*OPERATOR_ENFORCEMENT_URL/
		);
		expect(() => readOperator({ OPERATOR_DEMO: '0' }, { production: true })).toThrow();
	});

	it('production with OPERATOR_DEMO=1 shows the demo details, marked as demo', () => {
		const op = readOperator({ OPERATOR_DEMO: '1' }, { production: true });
		expect(op).toMatchObject({ demo: true, email: DEMO_OPERATOR.OPERATOR_EMAIL });
	});

	it('the real details, with the optional ones defaulted from the required', () => {
		for (const production of [true, false]) {
			const op = readOperator({ ...real, OPERATOR_DEMO: '1' }, { production });
			expect(op).toMatchObject({
				demo: false,
				name: 'Gemeinde Neudorf',
				address: 'Rathausplatz 2, 12345 Neudorf',
				representative: 'Bürgermeister Paul Neumann',
				dpo: { name: undefined, email: 'dsb@neudorf.example' },
				dataAuthority: { url: 'https://datenschutz.neuland.example' },
				// The accessibility feedback goes to the operator unless it names another contact.
				accessibility: { email: 'ehrenamt@neudorf.example', phone: '+49 1234 5678-0' },
				enforcement: { name: 'Ombudsstelle für Barrierefreiheit Neuland' }
			});
			expect(op.supervisoryAuthority).toBeUndefined();
			expect(op.accessibility.reviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		}
		const own = readOperator(
			{
				...real,
				OPERATOR_ACCESSIBILITY_EMAIL: 'barrieren@neudorf.example',
				OPERATOR_SUPERVISORY_AUTHORITY: '  Landratsamt Neukreis  ',
				OPERATOR_VAT_ID: '   ',
				OPERATOR_ACCESSIBILITY_REVIEWED: '2026-10-01'
			},
			{ production: true }
		);
		expect(own.accessibility).toMatchObject({
			email: 'barrieren@neudorf.example',
			reviewed: '2026-10-01'
		});
		expect(own.supervisoryAuthority).toBe('Landratsamt Neukreis');
		expect(own.vatId).toBeUndefined();
	});

	it('some details given, others missing: refused even in development (no half-demo imprint)', () => {
		const { OPERATOR_PHONE: _phone, ...withoutPhone } = real;
		void _phone;
		expect(() => readOperator(withoutPhone, { production: false })).toThrow(/OPERATOR_PHONE/);
	});

	it('invalid values are refused by name, never echoed', () => {
		const cases: Record<string, string> = {
			OPERATOR_EMAIL: 'no-address',
			OPERATOR_PHONE: 'call me',
			OPERATOR_DATA_AUTHORITY_URL: 'javascript:alert(1)',
			OPERATOR_ENFORCEMENT_URL: 'ftp://ombudsstelle.example',
			OPERATOR_NAME: 'Gemeinde\u0000Neudorf',
			OPERATOR_ACCESSIBILITY_REVIEWED: '1.10.2026'
		};
		// And each rule at its edges: the scheme whole, the date and the phone number from start to end.
		const edges: [string, string][] = [
			['OPERATOR_DATA_AUTHORITY_URL', 'xhttps://datenschutz.example'],
			['OPERATOR_ENFORCEMENT_URL', 'httpsx://ombudsstelle.example'],
			['OPERATOR_ACCESSIBILITY_REVIEWED', 'am 2026-10-01'],
			['OPERATOR_ACCESSIBILITY_REVIEWED', '2026-10-01 geprüft'],
			['OPERATOR_PHONE', 'Tel. 030 1234'],
			['OPERATOR_PHONE', '030 1234 (nur vormittags)'],
			['OPERATOR_ACCESSIBILITY_PHONE', 'Tel. 030 1234'],
			['OPERATOR_ACCESSIBILITY_PHONE', '030 1234 (nur vormittags)'],
			['OPERATOR_DPO_NAME', 'Frau\u001bSchulz']
		];
		for (const [name, value] of edges)
			expect(() => readOperator({ ...real, [name]: value }, { production: true }), value).toThrow(
				name
			);
		for (const [name, value] of Object.entries(cases)) {
			let message = '';
			try {
				readOperator({ ...real, [name]: value }, { production: true });
			} catch (error) {
				message = (error as Error).message;
			}
			expect(message, name).toContain(name);
			expect(message, name).not.toContain(value);
		}
	});

	it('takes plain http addresses, and trims what surrounds a value', () => {
		const op = readOperator(
			{
				...real,
				OPERATOR_NAME: '  Gemeinde Neudorf ',
				OPERATOR_EMAIL: '  ehrenamt@neudorf.example ',
				OPERATOR_DATA_AUTHORITY_URL: ' http://datenschutz.neuland.example ',
				OPERATOR_ACCESSIBILITY_PHONE: '030 1234-5',
				OPERATOR_DPO_NAME: '  Frau Schulz '
			},
			{ production: true }
		);
		expect(op.name).toBe('Gemeinde Neudorf');
		expect(op.email).toBe('ehrenamt@neudorf.example');
		expect(op.dataAuthority.url).toBe('http://datenschutz.neuland.example');
		expect(op.accessibility.phone).toBe('030 1234-5');
		expect(op.dpo.name).toBe('Frau Schulz');
		// Without a date of its own, the statement is dated when the app's checks last ran.
		expect(op.accessibility.reviewed).toBe(STATEMENT_DATE);
	});

	it('the demo details are the demo operator, every optional one filled in', () => {
		const op = readOperator({}, { production: false });
		expect(op).toMatchObject({
			supervisoryAuthority: DEMO_OPERATOR.OPERATOR_SUPERVISORY_AUTHORITY,
			contentResponsible: DEMO_OPERATOR.OPERATOR_CONTENT_RESPONSIBLE,
			dpo: { name: DEMO_OPERATOR.OPERATOR_DPO_NAME, email: DEMO_OPERATOR.OPERATOR_DPO_EMAIL },
			accessibility: {
				phone: DEMO_OPERATOR.OPERATOR_ACCESSIBILITY_PHONE,
				reviewed: DEMO_OPERATOR.OPERATOR_ACCESSIBILITY_REVIEWED
			}
		});
	});

	it('names every variable at fault, each once', () => {
		expect(() =>
			readOperator(
				{ ...real, OPERATOR_PHONE: 'x', OPERATOR_EMAIL: 'y', OPERATOR_ENFORCEMENT_URL: 'z' },
				{ production: true }
			)
		).toThrow(
			'Operator details missing or invalid: OPERATOR_EMAIL, OPERATOR_PHONE, OPERATOR_ENFORCEMENT_URL ('
		);
	});

	it('a blank or unset variable counts as not given', () => {
		for (const vars of [{ OPERATOR_NAME: '   ' }, { OPERATOR_VAT_ID: undefined }]) {
			expect(readOperator(vars, { production: false }).demo).toBe(true);
			expect(() => readOperator(vars, { production: true })).toThrow(/OPERATOR_NAME/);
		}
	});

	it('the refusal says where to look and how to see fictional details', () => {
		expect(() => readOperator({ ...real, OPERATOR_PHONE: 'x' }, { production: true })).toThrow(
			'Operator details missing or invalid: OPERATOR_PHONE (see README, "Operator details"; OPERATOR_DEMO=1 shows fictional ones)'
		);
	});
});
