// The operator the e2e server runs as (playwright.config.ts passes these as OPERATOR_* variables):
// a production build refuses to start without them, and tests/e2e/legal.spec.ts finds them on the
// imprint, the privacy notice and the accessibility statement.
export const E2E_OPERATOR = {
	OPERATOR_NAME: 'Gemeinde Prüfstadt (E2E)',
	OPERATOR_ADDRESS: 'Testweg 7, 01234 Prüfstadt',
	OPERATOR_REPRESENTATIVE: 'Bürgermeisterin Tessa Test',
	OPERATOR_EMAIL: 'ehrenamt@pruefstadt.example',
	OPERATOR_PHONE: '+49 30 1234567',
	OPERATOR_SUPERVISORY_AUTHORITY: 'Kommunalaufsicht Prüfkreis',
	OPERATOR_DPO_NAME: 'Datenschutzbeauftragter der Gemeinde Prüfstadt',
	OPERATOR_DPO_EMAIL: 'datenschutz@pruefstadt.example',
	OPERATOR_DATA_AUTHORITY: 'Landesdatenschutzbeauftragte Prüfland',
	OPERATOR_DATA_AUTHORITY_URL: 'https://datenschutz.pruefland.example/',
	OPERATOR_ACCESSIBILITY_EMAIL: 'barrierefrei@pruefstadt.example',
	OPERATOR_ACCESSIBILITY_REVIEWED: '2026-11-20',
	OPERATOR_ENFORCEMENT_NAME: 'Ombudsstelle für barrierefreie IT Prüfland',
	OPERATOR_ENFORCEMENT_URL: 'https://ombudsstelle.pruefland.example/'
} as const;
