// The private calendar feed on the database: only its owner issues, renews and revokes it, a
// renewed or revoked token answers nothing, an unknown one neither, the feed holds exactly the
// owner's active matches with their weekly windows, and nobody reads the token table directly.
import { describe, expect, it } from 'vitest';
import {
	feedIssuedAt,
	hashFeedToken,
	issueFeed,
	newFeedToken,
	readFeed,
	revokeFeed
} from '../../../src/lib/server/calendar/feed.ts';
import type { Tx } from '../../../src/lib/server/db/person.ts';
import { personaNames } from '../fixtures.ts';
import { backends } from '../harness.ts';
import { actAs, as, attempt, expectDenied, run, useWorld, type Who } from '../rls/support.ts';

const everyone: Who[] = ['anonymous', ...personaNames];

describe.each(backends)('calendar feed (%s)', (backend) => {
	const ctx = useWorld(backend);
	const w = () => ctx.world;

	/** The titles of the feed's commitments, as anyone holding the token gets them. */
	const titlesBy = async (tx: Tx, token: string) => {
		await actAs(ctx, tx, 'anonymous');
		const feed = await readFeed(tx, token);
		return feed && feed.commitments.map((c) => c.title);
	};

	describe('helper', () => {
		it('creates a feed that holds their active match, not the completed one', async () => {
			const { feed, start } = await as(ctx, 'helper', async (tx) => {
				// The fixtures start their needs 30 days from today.
				const start = (
					await tx.query<{ d: string }>(`select to_char(current_date + 30, 'YYYY-MM-DD') as d`)
				).rows[0]!.d;
				const { token } = await issueFeed(tx);
				await actAs(ctx, tx, 'anonymous');
				return { feed: await readFeed(tx, token), start };
			});
			expect(feed).toEqual({
				locale: 'de',
				commitments: [
					{
						match: w().matches.active,
						title: 'A: Nachhilfe Englisch',
						description: 'Ohne Namen, nur Gebiet und Bedarf.',
						organisation: 'Verein A',
						district: 'Altstadt',
						remote: false,
						cadence: 'one_off',
						hours: 2,
						startsOn: start,
						endsOn: null,
						windows: []
					}
				]
			});
		});

		it('sees when their feed was issued, never the token or its hash', async () => {
			const seen = await as(ctx, 'helper', async (tx) => {
				const before = await feedIssuedAt(tx);
				await issueFeed(tx);
				return { before, after: await feedIssuedAt(tx) };
			});
			expect(seen.before).toBeNull();
			expect(seen.after).toBeInstanceOf(Date);
		});

		it('renewing the feed makes the old token answer nothing, the new one the feed', async () => {
			const answers = await as(ctx, 'helper', async (tx) => {
				const first = await issueFeed(tx);
				const second = await issueFeed(tx);
				return { old: await titlesBy(tx, first.token), renewed: await titlesBy(tx, second.token) };
			});
			expect(answers).toEqual({ old: null, renewed: ['A: Nachhilfe Englisch'] });
		});

		it('revoking the feed makes its token answer nothing; revoking again finds none', async () => {
			const answers = await as(ctx, 'helper', async (tx) => {
				const { token } = await issueFeed(tx);
				const revoked = await revokeFeed(tx);
				const again = await revokeFeed(tx);
				return { revoked, again, issued: await feedIssuedAt(tx), feed: await titlesBy(tx, token) };
			});
			expect(answers).toEqual({ revoked: true, again: false, issued: null, feed: null });
		});

		it('a match that is only proposed or waits for approval is not in the feed', async () => {
			const titles = await as(ctx, 'helper', async (tx) => {
				await actAs(ctx, tx, 'system');
				await tx.query(
					`insert into public.matches (need_id, helper_id, status, initiated_by)
					 values ($1, $3, 'proposed', 'coordinator'), ($2, $3, 'pending_approval', 'helper')`,
					[w().needs.aOpen, w().needs.bOpen, w().people.helper]
				);
				await actAs(ctx, tx, 'helper');
				return titlesBy(tx, (await issueFeed(tx)).token);
			});
			expect(titles).toEqual(['A: Nachhilfe Englisch']);
		});
	});

	describe('weekly windows of a commitment', () => {
		/** The feed's windows for the active match after the system set need and offer windows. */
		const windowsWith = (need: string | null, offer: string | null) =>
			as(ctx, 'system', async (tx) => {
				await tx.query(`update public.needs set time_windows = $2 where id = $1`, [
					w().needs.aMatched,
					need
				]);
				await tx.query(`update public.offers set availability = $2 where id = $1`, [
					w().offers.helper,
					offer
				]);
				await actAs(ctx, tx, 'helper');
				const { token } = await issueFeed(tx);
				await actAs(ctx, tx, 'anonymous');
				return (await readFeed(tx, token))!.commitments[0]!.windows;
			});

		it("are the need's windows narrowed to the helper's offer", async () => {
			// Tue and Wed 14–17; the helper offers Tue 16–21: Tue 16–17.
			expect(await windowsWith('{[2280,2460),[3720,3900)}', '{[2400,2700)}')).toEqual([
				{ from: 2400, to: 2460 }
			]);
		});

		it("are the need's windows when the offer lists none, or none of them fit any more", async () => {
			const need = '{[2280,2460),[3720,3900)}';
			const both = [
				{ from: 2280, to: 2460 },
				{ from: 3720, to: 3900 }
			];
			expect(await windowsWith(need, null)).toEqual(both);
			expect(await windowsWith(need, '{[480,720)}')).toEqual(both);
		});

		it('are none when the need has no fixed weekly time, whatever the offer says', async () => {
			expect(await windowsWith(null, '{[2400,2700)}')).toEqual([]);
		});
	});

	describe('other people', () => {
		it("the feed holds only its owner's matches: helper 2's active match is in theirs alone", async () => {
			const titles = await as(ctx, 'system', async (tx) => {
				await tx.query(
					`insert into public.matches (need_id, helper_id, status, initiated_by, activated_at)
					 values ($1, $2, 'active', 'coordinator', now())`,
					[w().needs.bOpen, w().people.helper2]
				);
				await actAs(ctx, tx, 'helper');
				const mine = (await issueFeed(tx)).token;
				await actAs(ctx, tx, 'helper2');
				const theirs = (await issueFeed(tx)).token;
				return { mine: await titlesBy(tx, mine), theirs: await titlesBy(tx, theirs) };
			});
			expect(titles).toEqual({
				mine: ['A: Nachhilfe Englisch'],
				theirs: ['B: Begleitung zum Amt']
			});
		});

		it("a stranger's create, renew and revoke touch only their own feed, never the helper's", async () => {
			const answers = await as(ctx, 'helper', async (tx) => {
				const { token } = await issueFeed(tx);
				await actAs(ctx, tx, 'stranger');
				const strangerSeesFeed = await feedIssuedAt(tx);
				const strangers = await issueFeed(tx);
				await issueFeed(tx);
				const revoked = await revokeFeed(tx);
				const strangerFeed = await titlesBy(tx, strangers.token);
				await actAs(ctx, tx, 'helper');
				return {
					strangerSeesFeed,
					revoked,
					strangerFeed,
					helperIssued: (await feedIssuedAt(tx)) !== null,
					helperFeed: await titlesBy(tx, token)
				};
			});
			expect(answers).toEqual({
				strangerSeesFeed: null,
				revoked: true,
				strangerFeed: null,
				helperIssued: true,
				helperFeed: ['A: Nachhilfe Englisch']
			});
		});

		it('a coordinator of the match gets an empty feed of their own, not the helper’s match', async () => {
			const titles = await as(ctx, 'coordA', async (tx) =>
				titlesBy(tx, (await issueFeed(tx)).token)
			);
			expect(titles).toEqual([]);
		});
	});

	describe('anonymous', () => {
		it('cannot create, renew, revoke or look at a feed (no grant)', async () => {
			const hash = hashFeedToken(newFeedToken());
			await expectDenied(
				run(ctx, 'anonymous', 'select app.issue_calendar_feed($1)', [hash]),
				'privilege'
			);
			await expectDenied(run(ctx, 'anonymous', 'select app.revoke_calendar_feed()'), 'privilege');
			await expectDenied(run(ctx, 'anonymous', 'select app.my_calendar_feed()'), 'privilege');
		});

		it('an unknown token and a malformed one answer nothing', async () => {
			const answers = await as(ctx, 'anonymous', async (tx) => ({
				unknown: await readFeed(tx, newFeedToken()),
				malformed: await readFeed(tx, 'x'),
				rawHash: (await tx.query(`select app.calendar_feed('') as v`)).rows[0]!.v
			}));
			expect(answers).toEqual({ unknown: null, malformed: null, rawHash: null });
		});

		it('the hash of a live token is no key: only the token opens the feed', async () => {
			const answers = await as(ctx, 'helper', async (tx) => {
				const { token } = await issueFeed(tx);
				await actAs(ctx, tx, 'anonymous');
				return {
					byHashAsToken: await readFeed(tx, hashFeedToken(token)),
					byToken: (await readFeed(tx, token)) !== null
				};
			});
			expect(answers).toEqual({ byHashAsToken: null, byToken: true });
		});
	});

	describe('the token table', () => {
		it.each(everyone)('%s cannot read, write or delete private.calendar_feeds', async (who) => {
			await as(ctx, 'helper', async (tx) => {
				await issueFeed(tx);
				await actAs(ctx, tx, who);
				const refused = async (sql: string, params: unknown[] = []) => {
					await expectDenied(attempt(tx, sql, params), 'privilege');
				};
				await refused('select token_hash from private.calendar_feeds');
				await refused(
					`insert into private.calendar_feeds (person_id, token_hash) values ($1, $2)`,
					[w().people.helper, hashFeedToken(newFeedToken())]
				);
				await refused(`update private.calendar_feeds set token_hash = $1`, [
					hashFeedToken(newFeedToken())
				]);
				await refused('delete from private.calendar_feeds');
			});
		});

		it('keeps only a SHA-256 hash: the token is nowhere in it', async () => {
			const stored = await as(ctx, 'helper', async (tx) => {
				const { token } = await issueFeed(tx);
				await actAs(ctx, tx, 'system');
				const { rows } = await tx.query<{ token_hash: string }>(
					'select token_hash from private.calendar_feeds where person_id = $1',
					[w().people.helper]
				);
				return { token, rows };
			});
			expect(stored.rows).toEqual([{ token_hash: hashFeedToken(stored.token) }]);
			expect(stored.rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
			expect(stored.rows[0]!.token_hash).not.toContain(stored.token);
		});

		it("goes with the person's account", async () => {
			const left = await as(ctx, 'stranger', async (tx) => {
				await issueFeed(tx);
				await actAs(ctx, tx, 'system');
				await tx.query('delete from auth.users where id = $1', [w().people.stranger]);
				return (await tx.query('select count(*)::int as n from private.calendar_feeds')).rows;
			});
			expect(left).toEqual([{ n: 0 }]);
		});
	});
});
