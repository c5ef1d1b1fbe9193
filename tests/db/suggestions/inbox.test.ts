// The suggestions inbox by persona (src/lib/server/suggestions/inbox.ts and the migration
// 20261128002800_suggestions): anyone signed in suggests for a town, at most five a day; the town's
// coordinators (its office and its nonprofits) read them without their author and answer or adopt
// each once, never their own; another town sees nothing; the ledger records suggestion_made and
// suggestion_adopted. Every refusal writes nothing.
import { describe, expect, it } from 'vitest';
import type { NeedInput } from '../../../src/lib/schemas/need.ts';
import type { Tx } from '../../../src/lib/server/db/person.ts';
import {
	adoptSuggestion,
	answerSuggestion,
	createNeedFromSuggestion,
	mySuggestions,
	newSuggestionCount,
	suggestionToAdopt,
	suggestNeed,
	townSuggestions,
	towns
} from '../../../src/lib/server/suggestions/inbox.ts';
import { backends } from '../harness.ts';
import { actAs, as, expectDenied, run, useWorld, type Context } from '../rls/support.ts';

const BODY = 'Im Viertel fehlt jemand, der Älteren beim Einkaufen hilft.';

/** A need as the form gives it, starting a month from today. */
const needInput = (): NeedInput => {
	const start = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
	return {
		title: 'Einkaufshilfe für Ältere',
		description: BODY,
		category: 'errands',
		targetGroup: 'seniors',
		cadence: 'one_off',
		hours: 2,
		startsOn: start,
		endsOn: null,
		timeWindows: [],
		place: { kind: 'remote' },
		requiredLanguages: [],
		preferredLanguages: [],
		helpersWanted: 1,
		requires72a: false,
		intent: 'post'
	};
};

const suggestionsOf = (tx: Tx, municipality: string) =>
	tx
		.query<{ n: number }>(
			'select count(*)::int as n from public.need_suggestions where municipality_id = $1',
			[municipality]
		)
		.then((r) => r.rows[0]!.n);

const eventsOf = (tx: Tx, kind: string, municipality: string) =>
	tx
		.query(
			`select organisation_id, actor_id, need_id, municipal_role from public.involvement_events
			 where kind = $1 and municipality_id = $2 order by id`,
			[kind, municipality]
		)
		.then((r) => r.rows);

describe.each(backends)('suggestions inbox (%s)', (backend) => {
	const ctx: Context = useWorld(backend);
	const w = () => ctx.world;

	describe('suggesting', () => {
		it('any signed-in person suggests for a town; it is theirs, new, and in the ledger', async () => {
			const { mine, before, events, offered } = await as(ctx, 'stranger', async (tx) => {
				await actAs(ctx, tx, 'system');
				const before = await eventsOf(tx, 'suggestion_made', w().municipalities.m1);
				await actAs(ctx, tx, 'stranger');
				const result = await suggestNeed(tx, {
					municipalityId: w().municipalities.m1,
					districtId: w().districts.d1,
					body: BODY
				});
				expect(result.ok).toBe(true);
				const mine = await mySuggestions(tx);
				const offered = await towns(tx);
				await actAs(ctx, tx, 'system');
				return {
					mine,
					offered,
					before,
					events: await eventsOf(tx, 'suggestion_made', w().municipalities.m1)
				};
			});
			expect(mine.map((s) => [s.body, s.status, s.mine, s.answer])).toContainEqual([
				BODY,
				'new',
				true,
				null
			]);
			expect(offered.find((t) => t.id === w().municipalities.m1)?.districts).toContainEqual(
				expect.objectContaining({ id: w().districts.d1 })
			);
			// One event more, without its author: the town reads the ledger, and the author's id
			// beside the suggestion's time would tell it who wrote it.
			expect(events).toEqual([
				...before,
				{ organisation_id: null, actor_id: null, need_id: null, municipal_role: 'informed' }
			]);
		});

		it.each([
			[
				'an unknown town',
				{ municipalityId: '00000000-0000-4000-8000-000000000000' },
				'suggestion_unknown_town'
			],
			['a district of another town', { districtId: 'd2' }, 'district_outside_town'],
			['10 000 characters', { body: 'x'.repeat(10_000) }, 'suggestion_length'],
			['nine characters after trimming', { body: '   123456789   ' }, 'suggestion_length']
		] as const)('refuses %s and writes nothing', async (_, change, code) => {
			const { result, before, after } = await as(ctx, 'helper', async (tx) => {
				const before = await suggestionsOf(tx, w().municipalities.m1);
				const input = {
					municipalityId: w().municipalities.m1,
					districtId: null as string | null,
					body: BODY,
					...change
				};
				if ('districtId' in change) input.districtId = w().districts.d2;
				const result = await suggestNeed(tx, input);
				return { result, before, after: await suggestionsOf(tx, w().municipalities.m1) };
			});
			expect(result).toEqual({ ok: false, code });
			expect(after).toBe(before);
		});

		it('allows five a day and refuses the sixth; a suggestion older than a day no longer counts', async () => {
			const outcome = await as(ctx, 'helper', async (tx) => {
				const codes: string[] = [];
				// The helper made one already (the world's); four more are fine.
				for (let i = 0; i < 5; i++) {
					const r = await suggestNeed(tx, {
						municipalityId: w().municipalities.m1,
						districtId: null,
						body: `${BODY} (${i})`
					});
					codes.push(r.ok ? 'ok' : r.code);
				}
				await actAs(ctx, tx, 'system');
				await tx.query(
					`update public.need_suggestions set created_at = now() - interval '25 hours' where id = $1`,
					[w().suggestions.byHelper]
				);
				await actAs(ctx, tx, 'helper');
				const later = await suggestNeed(tx, {
					municipalityId: w().municipalities.m2,
					districtId: null,
					body: BODY
				});
				return {
					codes,
					later: later.ok ? 'ok' : later.code,
					mine: (await mySuggestions(tx)).length
				};
			});
			expect(outcome).toEqual({
				codes: ['ok', 'ok', 'ok', 'ok', 'suggestion_limit_reached'],
				later: 'ok',
				mine: 6
			});
		});

		it('the limit holds for a direct insert too, not only for the verb', async () => {
			await as(ctx, 'helper', async (tx) => {
				for (let i = 0; i < 4; i++)
					await tx.query(
						`insert into public.need_suggestions (municipality_id, author_id, body) values ($1, $2, $3)`,
						[w().municipalities.m1, w().people.helper, BODY]
					);
				await expectDenied(
					tx.query(
						`insert into public.need_suggestions (municipality_id, author_id, body) values ($1, $2, $3)`,
						[w().municipalities.m1, w().people.helper, BODY]
					),
					{ raised: 'suggestion_limit_reached' }
				);
			});
		});
	});

	describe("reading the town's suggestions", () => {
		it.each([
			['municipal', 'officeM1', ['byHelper']],
			['coordA', 'orgA', ['byHelper']],
			['coordB', 'orgB', ['byHelper']],
			['coordM2', 'officeM2', ['byStranger']]
		] as const)('%s reads exactly its town’s suggestions', async (who, org, expected) => {
			const { list, count } = await as(ctx, who, async (tx) => ({
				list: await townSuggestions(tx, w().organisations[org]),
				count: await newSuggestionCount(tx, w().organisations[org])
			}));
			expect(list.map((s) => s.id).sort()).toEqual(expected.map((k) => w().suggestions[k]).sort());
			expect(count).toBe(expected.length);
			expect(list.every((s) => !s.mine)).toBe(true);
		});

		it.each(['coordA', 'municipal', 'helper'] as const)(
			'%s cannot read who wrote a suggestion (no grant on author_id)',
			async (who) => {
				await expectDenied(
					run(ctx, who, 'select author_id from public.need_suggestions'),
					'privilege'
				);
			}
		);

		it('a helper or a stranger reads only their own', async () => {
			const seen = await as(ctx, 'stranger', (tx) => townSuggestions(tx, w().organisations.orgA));
			expect(seen).toEqual([]);
			const mine = await as(ctx, 'helper', (tx) => mySuggestions(tx));
			expect(mine.map((s) => s.id)).toEqual([w().suggestions.byHelper]);
		});
	});

	describe('answering', () => {
		it('a nonprofit coordinator of the town answers; the author reads the answer and who gave it', async () => {
			const { result, again, mine } = await as(ctx, 'coordA', async (tx) => {
				const result = await answerSuggestion(tx, w().organisations.orgA, {
					suggestionId: w().suggestions.byHelper,
					answer: 'Das macht schon der Besuchsdienst von Verein B.'
				});
				const again = await answerSuggestion(tx, w().organisations.orgA, {
					suggestionId: w().suggestions.byHelper,
					answer: 'Noch einmal.'
				});
				await actAs(ctx, tx, 'helper');
				return { result, again, mine: await mySuggestions(tx) };
			});
			expect(result).toEqual({ ok: true });
			expect(again).toEqual({ ok: false, code: 'suggestion_already_handled' });
			expect(mine[0]).toMatchObject({
				status: 'answered',
				answer: 'Das macht schon der Besuchsdienst von Verein B.',
				handledBy: 'Verein A',
				needId: null
			});
			expect(mine[0]!.handledOn).toMatch(/^\d{4}-\d\d-\d\d$/);
		});

		it.each([
			// Another town; an organisation they do not coordinate; no coordinator at all; an answer
			// of two characters.
			['coordM2', 'officeM2', 'suggestion_not_found'],
			['coordA', 'orgB', 'not_allowed'],
			['helper', 'orgA', 'not_allowed'],
			['coordA', 'orgA', 'suggestion_answer_required']
		] as const)('%s answering for %s is refused: %s', async (who, org, code) => {
			const { result, status } = await as(ctx, who, async (tx) => {
				const result = await answerSuggestion(tx, w().organisations[org], {
					suggestionId: w().suggestions.byHelper,
					answer: code === 'suggestion_answer_required' ? 'ok' : 'Eine Antwort.'
				});
				await actAs(ctx, tx, 'system');
				const { rows } = await tx.query(
					'select status, answer from public.need_suggestions where id = $1',
					[w().suggestions.byHelper]
				);
				return { result, status: rows[0] };
			});
			expect(result).toEqual({ ok: false, code });
			expect(status).toEqual({ status: 'new', answer: null });
		});
	});

	describe('four eyes', () => {
		it('a coordinator never handles their own suggestion; a colleague of the town does', async () => {
			const outcome = await as(ctx, 'municipal', async (tx) => {
				const made = await suggestNeed(tx, {
					municipalityId: w().municipalities.m1,
					districtId: null,
					body: BODY
				});
				if (!made.ok) throw new Error(made.code);
				const listed = (await townSuggestions(tx, w().organisations.officeM1)).find(
					(s) => s.id === made.id
				);
				const prefill = await suggestionToAdopt(tx, w().organisations.officeM1, made.id);
				const answer = await answerSuggestion(tx, w().organisations.officeM1, {
					suggestionId: made.id,
					answer: 'Mache ich selbst.'
				});
				const adopt = await createNeedFromSuggestion(
					tx,
					w().organisations.officeM1,
					needInput(),
					made.id
				);
				// Nor does a direct write (no update grant: only the verbs write).
				let direct = '';
				try {
					await tx.query('savepoint direct');
					await tx.query(
						`update public.need_suggestions set status = 'adopted', need_id = $2 where id = $1`,
						[made.id, w().needs.aOpen]
					);
				} catch (error) {
					direct = (error as Error).message;
				}
				await tx.query('rollback to savepoint direct');
				await actAs(ctx, tx, 'coordA');
				const colleague = await answerSuggestion(tx, w().organisations.orgA, {
					suggestionId: made.id,
					answer: 'Verein A übernimmt das gern.'
				});
				return { mine: listed?.mine, prefill, answer, adopt, direct, colleague };
			});
			expect(outcome).toEqual({
				mine: true,
				prefill: { ok: false, code: 'suggestion_own' },
				answer: { ok: false, code: 'suggestion_own' },
				adopt: { ok: false, code: 'suggestion_own' },
				direct: 'permission denied for table need_suggestions',
				colleague: { ok: true }
			});
		});
	});

	describe('turning a suggestion into a need', () => {
		it('the town office creates the need and adopts the suggestion together: co-produced in the ledger', async () => {
			const { created, mine, events, prefill } = await as(ctx, 'municipal', async (tx) => {
				const prefill = await suggestionToAdopt(
					tx,
					w().organisations.officeM1,
					w().suggestions.byHelper
				);
				const created = await createNeedFromSuggestion(
					tx,
					w().organisations.officeM1,
					needInput(),
					w().suggestions.byHelper
				);
				await actAs(ctx, tx, 'helper');
				const mine = await mySuggestions(tx);
				await actAs(ctx, tx, 'system');
				return {
					created,
					prefill,
					mine,
					events: await eventsOf(tx, 'suggestion_adopted', w().municipalities.m1)
				};
			});
			expect(prefill).toMatchObject({
				ok: true,
				districtId: w().districts.d1,
				suggestion: { body: 'Im Viertel fehlt ein Besuchsdienst für Ältere.' }
			});
			if (!created.ok || !('id' in created)) throw new Error('not created');
			expect(mine[0]).toMatchObject({
				status: 'adopted',
				needId: created.id,
				needTitle: 'Einkaufshilfe für Ältere',
				handledBy: 'Freiwilligenagentur Musterstadt'
			});
			expect(events).toEqual([
				{
					organisation_id: w().organisations.officeM1,
					actor_id: w().people.municipal,
					need_id: created.id,
					municipal_role: 'co_produced'
				}
			]);
		});

		it('offers to adopt only a new suggestion of the organisation’s town', async () => {
			const seen = await as(ctx, 'municipal', async (tx) => {
				const adopt = (id: string) => suggestionToAdopt(tx, w().organisations.officeM1, id);
				const unknown = await adopt('00000000-0000-4000-8000-000000000000');
				const otherTown = await adopt(w().suggestions.byStranger);
				await answerSuggestion(tx, w().organisations.officeM1, {
					suggestionId: w().suggestions.byHelper,
					answer: 'Gibt es schon.'
				});
				return { unknown, otherTown, answered: await adopt(w().suggestions.byHelper) };
			});
			expect(seen).toEqual({
				unknown: { ok: false, code: 'suggestion_not_found' },
				otherTown: { ok: false, code: 'suggestion_not_found' },
				answered: { ok: false, code: 'suggestion_already_handled' }
			});
		});

		it('a nonprofit adopting it leaves the town informed', async () => {
			const events = await as(ctx, 'coordA', async (tx) => {
				expect(await adoptSuggestion(tx, w().suggestions.byHelper, w().needs.aOpen)).toEqual({
					ok: true
				});
				await actAs(ctx, tx, 'system');
				return eventsOf(tx, 'suggestion_adopted', w().municipalities.m1);
			});
			expect(events).toEqual([
				{
					organisation_id: w().organisations.orgA,
					actor_id: w().people.coordA,
					need_id: w().needs.aOpen,
					municipal_role: 'informed'
				}
			]);
		});

		it('adopting an answered suggestion, or another town’s, creates no need and records nothing', async () => {
			const outcome = await as(ctx, 'municipal', async (tx) => {
				await answerSuggestion(tx, w().organisations.officeM1, {
					suggestionId: w().suggestions.byHelper,
					answer: 'Gibt es schon.'
				});
				const count = () =>
					tx
						.query<{ n: number }>('select count(*)::int as n from public.needs')
						.then((r) => r.rows[0]!.n);
				const before = await count();
				const answered = await createNeedFromSuggestion(
					tx,
					w().organisations.officeM1,
					needInput(),
					w().suggestions.byHelper
				);
				const otherTown = await createNeedFromSuggestion(
					tx,
					w().organisations.officeM1,
					needInput(),
					w().suggestions.byStranger
				);
				const after = await count();
				await actAs(ctx, tx, 'coordM2');
				const wrongNeed = await adoptSuggestion(tx, w().suggestions.byStranger, w().needs.aOpen);
				await actAs(ctx, tx, 'system');
				return {
					answered,
					otherTown,
					wrongNeed,
					written: after - before,
					events: await eventsOf(tx, 'suggestion_adopted', w().municipalities.m1)
				};
			});
			expect(outcome).toEqual({
				answered: { ok: false, code: 'suggestion_already_handled' },
				otherTown: { ok: false, code: 'suggestion_not_found' },
				wrongNeed: { ok: false, code: 'need_not_found' },
				written: 0,
				events: []
			});
		});
	});

	it("the author's export holds the suggestion with its answer", async () => {
		const exported = await as(ctx, 'coordA', async (tx) => {
			await answerSuggestion(tx, w().organisations.orgA, {
				suggestionId: w().suggestions.byHelper,
				answer: 'Danke, wir kümmern uns.'
			});
			await actAs(ctx, tx, 'helper');
			const { rows } = await tx.query<{ v: Record<string, { id: string; answer: string }[]> }>(
				'select app.my_data() as v'
			);
			return rows[0]!.v['public.need_suggestions'];
		});
		expect(exported).toEqual([
			expect.objectContaining({ id: w().suggestions.byHelper, answer: 'Danke, wir kümmern uns.' })
		]);
	});
});
