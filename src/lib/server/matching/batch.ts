// Batch proposals: "propose helpers for all open needs of my organisation". Candidates come
// from the same rule-checked query as the single-need list (which leaves out helpers whose time
// an existing match already takes); the assignment solver picks the set with the highest total
// score that no helper's hours can carry over and that never gives one helper two needs at the
// same time (no double booking).
import type { Queryable } from '../db/types.ts';
import { expirePastNeeds } from '../needs/expiry.ts';
import type { Locale } from '../../domain/matching/explain.ts';
import { solveAssignment } from '../../domain/assignment/solve.ts';
import type { Instance } from '../../domain/assignment/types.ts';
import { needsClash } from '../../domain/matching/booking.ts';
import { parseWeekWindows } from '../../domain/matching/windows.ts';
import { candidatesForNeed } from './candidates.ts';
import { propose, type MatchErrorCode } from './verbs.ts';

export interface PlannedProposal {
	needId: string;
	needTitle: string;
	helperId: string;
	helperName: string;
	hours: number;
	score: number;
	explanation: string[];
}

export interface BatchPlan {
	proposals: PlannedProposal[];
	total: number;
	upperBound: number;
	greedyTotal: number;
	openNeeds: number;
}

const CANDIDATES_PER_NEED = 30;

export async function planBatch(
	tx: Queryable,
	organisationId: string,
	locale: Locale
): Promise<BatchPlan> {
	await expirePastNeeds(tx);
	const { rows: needs } = await tx.query<{
		id: string;
		title: string;
		hours: number;
		free_slots: number;
		starts_on: string;
		ends_on: string | null;
		time_windows: string | null;
	}>(
		`select n.id, n.title, n.hours, n.starts_on::text, n.ends_on::text, n.time_windows::text,
		        n.helpers_wanted - (select count(*)::int from matches m
		                            where m.need_id = n.id and m.status in ('proposed', 'requested', 'pending_approval', 'active')) as free_slots
		 from needs n
		 where n.organisation_id = $1 and n.status = 'open'
		 order by n.starts_on, n.id`,
		[organisationId]
	);
	const open = needs.filter((n) => n.free_slots > 0);
	const instance: Instance = { helpers: [], needs: [], candidates: [] };
	const capacity = new Map<string, number>();
	const details = new Map<
		string,
		{ helperName: string; explanation: string[]; needTitle: string; hours: number }
	>();
	for (const need of open) {
		instance.needs.push({ id: need.id, hours: need.hours, slots: need.free_slots });
		for (const c of await candidatesForNeed(tx, need.id, locale, CANDIDATES_PER_NEED)) {
			// Needs may fall in different months; taking the tightest remaining hours seen for a
			// helper as their one capacity is conservative, so a plan never over-books a month.
			capacity.set(
				c.helperId,
				Math.min(capacity.get(c.helperId) ?? Infinity, c.facts.remainingHours)
			);
			instance.candidates.push({ need: need.id, helper: c.helperId, score: c.score });
			details.set(`${need.id}/${c.helperId}`, {
				helperName: c.displayName,
				explanation: c.explanation,
				needTitle: need.title,
				hours: need.hours
			});
		}
	}
	for (const [id, hours] of capacity) if (hours > 0) instance.helpers.push({ id, capacity: hours });
	instance.conflicts = clashingPairs(open);
	const known = new Set(instance.helpers.map((h) => h.id));
	instance.candidates = instance.candidates.filter((c) => known.has(c.helper));

	const result = solveAssignment(instance, { timeBudgetMs: 2_000 });
	const scoreOf = new Map(instance.candidates.map((c) => [`${c.need}/${c.helper}`, c.score]));
	const proposals = result.assignments.map((a) => {
		const d = details.get(`${a.need}/${a.helper}`)!;
		return {
			needId: a.need,
			helperId: a.helper,
			score: scoreOf.get(`${a.need}/${a.helper}`)!,
			...d
		};
	});
	proposals.sort((a, b) => a.needTitle.localeCompare(b.needTitle) || b.score - a.score);
	return {
		proposals,
		total: result.total,
		upperBound: result.upperBound,
		greedyTotal: result.greedyTotal,
		openNeeds: open.length
	};
}

/** Every pair of the needs that takes the same time: one helper may be proposed for only one of each. */
function clashingPairs(
	needs: { id: string; starts_on: string; ends_on: string | null; time_windows: string | null }[]
): { a: string; b: string }[] {
	const booked = needs.map((n) => ({
		id: n.id,
		startsOn: n.starts_on,
		endsOn: n.ends_on,
		timeWindows: parseWeekWindows(n.time_windows)
	}));
	const pairs: { a: string; b: string }[] = [];
	for (let i = 0; i < booked.length; i++)
		for (let k = i + 1; k < booked.length; k++)
			if (needsClash(booked[i]!, booked[k]!)) pairs.push({ a: booked[i]!.id, b: booked[k]!.id });
	return pairs;
}

export interface SentProposal {
	needId: string;
	helperId: string;
	ok: boolean;
	code?: MatchErrorCode;
}

/** Runs work as the person in a transaction of its own (locals.db, or asPerson in tests). */
export type PersonTransaction = <T>(work: (tx: Queryable) => Promise<T>) => Promise<T>;

/**
 * Sends the reviewed pairs as proposals; each is re-checked by the database. One transaction
 * per pair: a batch never holds many need and offer locks at once, so two coordinators
 * batching in the same town cannot deadlock, and helpers are never kept waiting on a batch.
 */
export async function sendBatch(
	asPerson: PersonTransaction,
	pairs: { needId: string; helperId: string }[]
): Promise<SentProposal[]> {
	const sent: SentProposal[] = [];
	for (const pair of pairs) {
		const result = await asPerson((tx) => propose(tx, pair.needId, pair.helperId, 'batch'));
		sent.push(result.ok ? { ...pair, ok: true } : { ...pair, ok: false, code: result.code });
	}
	return sent;
}
