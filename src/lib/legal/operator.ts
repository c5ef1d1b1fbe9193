// The operator's details as the imprint, privacy notice and accessibility statement show them
// (read from OPERATOR_* variables by src/lib/server/operator.ts).
export interface Operator {
	/** True when these are the fictional demo details (development, or OPERATOR_DEMO=1). */
	demo: boolean;
	name: string;
	address: string;
	representative: string;
	email: string;
	phone: string;
	supervisoryAuthority?: string;
	vatId?: string;
	contentResponsible?: string;
	dpo: { name?: string; email: string };
	dataAuthority: { name: string; url: string };
	processors?: string;
	accessibility: { email: string; phone: string; reviewed: string };
	enforcement: { name: string; url: string };
}
