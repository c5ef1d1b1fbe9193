// The demo seed's rows that tests name, with their fixed ids: mirrors the header of
// supabase/seed.sql (ids 00000000-KKKK-4000-8000-NNNNNNNNNNNN, KKKK = kind, N = number within the
// kind). Tests take seed ids and e-mail addresses from here only; tests/db/seed/ids.test.ts checks
// every entry against a freshly seeded database, so a change to the seed fails there first.

const municipalities = {
	/** Lindenau am See: approves nonprofit needs and minor matches, inspects §72a town-wide. */
	lindenau: { id: '00000000-0001-4000-8000-000000000001', name: 'Lindenau am See' },
	/** Birkenhain: no approvals, no town inspection. */
	birkenhain: { id: '00000000-0001-4000-8000-000000000002', name: 'Birkenhain' }
} as const;

const organisations = {
	/** The town's volunteer agency (municipal); approves Lindenau's nonprofit needs. */
	freiwilligenagentur: {
		id: '00000000-0003-4000-8000-000000000001',
		name: 'Stadt Lindenau am See – Freiwilligenagentur',
		municipality: municipalities.lindenau.id
	},
	/** The town's youth office (municipal, §72a). */
	jugendamt: {
		id: '00000000-0003-4000-8000-000000000002',
		name: 'Stadt Lindenau am See – Jugendamt',
		municipality: municipalities.lindenau.id
	},
	nachbarschaftshilfe: {
		id: '00000000-0003-4000-8000-000000000011',
		name: 'Nachbarschaftshilfe Lindenau e. V.',
		municipality: municipalities.lindenau.id
	},
	lernpaten: {
		id: '00000000-0003-4000-8000-000000000012',
		name: 'Lernpaten Lindenau e. V.',
		municipality: municipalities.lindenau.id
	},
	buergerbuero: {
		id: '00000000-0003-4000-8000-000000000021',
		name: 'Gemeinde Birkenhain – Bürgerbüro',
		municipality: municipalities.birkenhain.id
	},
	helferkreis: {
		id: '00000000-0003-4000-8000-000000000022',
		name: 'Helferkreis Birkenhain e. V.',
		municipality: municipalities.birkenhain.id
	}
} as const;

/** Demo accounts: sign in with the e-mail code (in development the code shows in /dev/outbox). */
const people = {
	/** Platform admin. */
	admin: {
		id: '00000000-0004-4000-8000-000000000001',
		email: 'admin@zeitspende.example',
		displayName: 'Plattform-Admin'
	},
	/** Coordinator of the Freiwilligenagentur (municipal; approves needs). */
	katrin: {
		id: '00000000-0004-4000-8000-000000000011',
		email: 'koordination@lindenau.example',
		displayName: 'Katrin B.'
	},
	/** Coordinator of the Jugendamt (municipal; §72a, approves minor matches). */
	tobias: {
		id: '00000000-0004-4000-8000-000000000012',
		email: 'jugendamt@lindenau.example',
		displayName: 'Tobias R.'
	},
	/** Coordinator of the Nachbarschaftshilfe. */
	helga: {
		id: '00000000-0004-4000-8000-000000000013',
		email: 'nachbarschaft@lindenau.example',
		displayName: 'Helga M.'
	},
	/** Coordinator of the Lernpaten. */
	emre: {
		id: '00000000-0004-4000-8000-000000000014',
		email: 'lernpaten@lindenau.example',
		displayName: 'Emre A.'
	},
	/** Coordinator of Birkenhain's Bürgerbüro and Helferkreis. */
	sabine: {
		id: '00000000-0004-4000-8000-000000000021',
		email: 'koordination@birkenhain.example',
		displayName: 'Sabine H.'
	},
	/** Helper (Lernpaten + Nachbarschaftshilfe, §72a valid, one active match, one proposal waiting). */
	mara: {
		id: '00000000-0004-4000-8000-000000000101',
		email: 'mara.schneider@lindenau.example',
		displayName: 'Mara S.'
	},
	/** Helper in the Nachbarschaftshilfe's pool (seniors, errands, company; 12 h a month). */
	heinz: {
		id: '00000000-0004-4000-8000-000000000104',
		email: 'heinz.hofmann@lindenau.example',
		displayName: 'Heinz H.'
	},
	/** Helper in Birkenhain's Helferkreis pool (company, digital; seniors). */
	ines: {
		id: '00000000-0004-4000-8000-000000000202',
		email: 'ines.seitz@birkenhain.example',
		displayName: 'Ines S.'
	}
} as const;

const needs = {
	/** Need 11 of the Lernpaten: Arabic required; Mariam S. asked to help (match 07). */
	lernpatenschaftDeutsch: {
		id: '00000000-0005-4000-8000-000000000011',
		title: 'Lernpatenschaft Deutsch für ein Grundschulkind',
		organisation: organisations.lernpaten.id
	},
	/** Need 07 of the Nachbarschaftshilfe: open, in nine days; three helpers fit it. */
	facharztBegleitung: {
		id: '00000000-0005-4000-8000-000000000007',
		title: 'Begleitung zu einem Facharzttermin',
		organisation: organisations.nachbarschaftshilfe.id
	},
	/** Need 32 of Birkenhain's Helferkreis: open, no approval needed there. */
	spielenachmittag: {
		id: '00000000-0005-4000-8000-000000000032',
		title: 'Spielenachmittag im Seniorenheim Birkenfeld',
		organisation: organisations.helferkreis.id
	}
} as const;

export const seed = { municipalities, organisations, people, needs } as const;
