// The kinds of mail a person may turn off or take as a daily digest: the same list as
// private.mail_kinds() in supabase/migrations/*_mail_preferences.sql (a test compares them).
// Sign-in codes and invitations are not among them: nobody can turn those off.
export const MAIL_KINDS = [
	'proposal',
	'match_active',
	'match_ended',
	'hours_reviewed',
	'reminder',
	'help_offered',
	'proposal_answered',
	'need_decided',
	'hours_to_review',
	'approvals_waiting',
	'pool_message'
] as const;

export type MailKind = (typeof MAIL_KINDS)[number];

export const isMailKind = (kind: unknown): kind is MailKind =>
	typeof kind === 'string' && (MAIL_KINDS as readonly string[]).includes(kind);

/** Coming as a daily digest until the person chooses otherwise (private.mail_digest_by_default). */
export const DIGEST_BY_DEFAULT: readonly MailKind[] = ['hours_to_review', 'approvals_waiting'];
