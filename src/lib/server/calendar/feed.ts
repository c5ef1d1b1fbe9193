// A person's private calendar feed: issue (create or renew), revoke, and read it by its token.
// The token is made like a session token (256 random bits, base64url) and the database stores
// only its SHA-256 hash, so a leaked table gives no feed away. The verbs run as the person;
// readFeed runs for anyone holding the URL (a phone calendar has no session).
import { hashSessionToken, newSessionToken } from '../auth/tokens.ts';
import { parseWeekWindows, type WeekWindow } from '../../domain/matching/windows.ts';
import type { Queryable } from '../db/types.ts';

export const newFeedToken = newSessionToken;
export const hashFeedToken = hashSessionToken;

/** The https and webcal:// URLs of a feed (webcal opens the phone's calendar to subscribe). */
export function feedUrls(origin: string, token: string): { https: string; webcal: string } {
	const https = `${origin}/calendar/${token}.ics`;
	// Stryker disable next-line Regex: an origin starts with its scheme, the only http(s): in the URL
	return { https, webcal: https.replace(/^https?:/, 'webcal:') };
}

/** Gives the signed-in person a new feed token; an earlier one stops working at once. */
export async function issueFeed(tx: Queryable): Promise<{ token: string; issuedAt: Date }> {
	const token = newFeedToken();
	const { rows } = await tx.query<{ v: Date }>('select app.issue_calendar_feed($1) as v', [
		hashFeedToken(token)
	]);
	return { token, issuedAt: rows[0]!.v };
}

/** Deletes the signed-in person's feed; true when there was one. */
export async function revokeFeed(tx: Queryable): Promise<boolean> {
	const { rows } = await tx.query<{ v: boolean }>('select app.revoke_calendar_feed() as v');
	return rows[0]!.v;
}

/** When the signed-in person's feed was issued, or null without one (the token is never stored). */
export async function feedIssuedAt(tx: Queryable): Promise<Date | null> {
	const { rows } = await tx.query<{ v: Date | null }>('select app.my_calendar_feed() as v');
	// Stryker disable next-line OptionalChaining: select f() always gives one row
	return rows[0]?.v ?? null;
}

/** One active commitment as the feed shows it. */
export interface FeedCommitment {
	match: string;
	title: string;
	description: string;
	organisation: string;
	district: string | null;
	remote: boolean;
	cadence: 'one_off' | 'monthly';
	hours: number;
	/** Europe/Berlin calendar dates, 'yyyy-mm-dd'. */
	startsOn: string;
	endsOn: string | null;
	/** The weekly windows (minutes of the week); empty when the need has no fixed weekly time. */
	windows: WeekWindow[];
}

export interface Feed {
	locale: 'de' | 'en';
	commitments: FeedCommitment[];
}

type Row = Omit<FeedCommitment, 'windows'> & { windows: string | null };

/** The feed whose token this is, or null for an unknown, revoked or malformed token. */
export async function readFeed(tx: Queryable, token: string): Promise<Feed | null> {
	const { rows } = await tx.query<{ v: { locale: Feed['locale']; commitments: Row[] } | null }>(
		'select app.calendar_feed($1) as v',
		[hashFeedToken(token)]
	);
	// Stryker disable next-line OptionalChaining: select f() always gives one row
	const feed = rows[0]?.v;
	if (!feed) return null;
	return {
		locale: feed.locale,
		commitments: feed.commitments.map((c) => ({
			...c,
			hours: Number(c.hours),
			windows: parseWeekWindows(c.windows) ?? []
		}))
	};
}
