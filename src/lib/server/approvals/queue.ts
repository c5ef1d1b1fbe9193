// The town's approval queue: what waits for a municipal office's town (needs of nonprofits,
// matches with children and youth) and the office's decisions on it, one item or several at once.
// Runs as the person: RLS shows the queue, the database verbs decide (four eyes, locks, ledger).
// Each decision runs in its own savepoint, so a refused item leaves the others decided and is
// itself left untouched.
import type { TownDecisionErrorCode } from '../../domain/errors.ts';
import type { ApprovalItem } from '../../schemas/approvals.ts';
import type { Queryable } from '../db/types.ts';
import type { VerbResult } from '../db/verb.ts';
import { sendBack as sendBackMatch, approve as approveMatch } from '../matching/verbs.ts';
import { matchesAwaitingTown, type MatchAwaitingTown } from '../matching/read.ts';
import { approveNeed, sendBackNeed } from '../needs/verbs.ts';
import { needsAwaitingTown, type NeedAwaitingTown } from '../needs/read.ts';

export interface TownApprovals {
	municipalityId: string;
	/** The town's policies: nonprofits' needs, and nonprofits' matches with minors, wait for it. */
	needsPolicy: boolean;
	matchesPolicy: boolean;
	/** Something waits (also after a policy was switched off, so nothing is stranded). */
	pending: number;
}

/** Whether the municipal office's town approves anything; null for a nonprofit. */
export async function townApprovals(
	tx: Queryable,
	organisationId: string
): Promise<TownApprovals | null> {
	const { rows } = await tx.query<TownApprovals & { kind: string }>(
		`select o.kind, o.municipality_id as "municipalityId",
		        mu.nonprofit_needs_need_approval as "needsPolicy",
		        mu.minor_matches_need_approval as "matchesPolicy",
		        (select count(*)::int from needs n where n.municipality_id = o.municipality_id and n.status = 'pending_approval')
		        + (select count(*)::int from matches x where x.municipality_id = o.municipality_id and x.status = 'pending_approval')
		          as pending
		 from organisations o join municipalities mu on mu.id = o.municipality_id
		 where o.id = $1`,
		[organisationId]
	);
	const row = rows[0];
	if (!row || row.kind !== 'municipal') return null;
	return {
		municipalityId: row.municipalityId,
		needsPolicy: row.needsPolicy,
		matchesPolicy: row.matchesPolicy,
		pending: row.pending
	};
}

export interface ApprovalQueue {
	needs: NeedAwaitingTown[];
	matches: MatchAwaitingTown[];
}

export async function approvalQueue(tx: Queryable, municipalityId: string): Promise<ApprovalQueue> {
	return {
		needs: await needsAwaitingTown(tx, municipalityId),
		matches: await matchesAwaitingTown(tx, municipalityId)
	};
}

export type Decision = 'approve' | 'send_back';
export type DecisionResult = VerbResult<TownDecisionErrorCode>;

/**
 * One decision on one need or match of the town, through its database verb (in a savepoint of
 * its own). An item of another town is refused here even where the person governs that town
 * too: each office's page decides for its own town only.
 */
export async function decide(
	tx: Queryable,
	municipalityId: string,
	item: ApprovalItem,
	decision: Decision,
	reason: string
): Promise<DecisionResult> {
	const table = item.kind === 'need' ? 'needs' : 'matches';
	const { rows } = await tx.query<{ municipality_id: string }>(
		`select municipality_id from ${table} where id = $1`,
		[item.id]
	);
	if (rows[0] && rows[0].municipality_id !== municipalityId)
		return { ok: false, code: 'not_allowed' };
	if (item.kind === 'need') {
		return decision === 'approve' ? approveNeed(tx, item.id) : sendBackNeed(tx, item.id, reason);
	}
	return decision === 'approve' ? approveMatch(tx, item.id) : sendBackMatch(tx, item.id, reason);
}

export interface ManyOutcome {
	/** How many items went through. */
	done: number;
	/** Items refused, each with its title as the queue shows it and the refusal's code. */
	refused: { item: ApprovalItem; title: string; code: TownDecisionErrorCode }[];
}

/** The queue's name for an item: a need's title, a match's need and helper. */
export function itemTitle(queue: ApprovalQueue, item: ApprovalItem): string {
	if (item.kind === 'need') return queue.needs.find((n) => n.id === item.id)?.title ?? '–';
	const match = queue.matches.find((x) => x.id === item.id);
	return match ? `${match.needTitle} – ${match.helperName}` : '–';
}

/**
 * The same decision on several items of the town's queue, one after another in one transaction,
 * each in its own savepoint: what goes through stays, what is refused is reported and unchanged.
 */
export async function decideMany(
	tx: Queryable,
	municipalityId: string,
	items: ApprovalItem[],
	decision: Decision,
	reason: string
): Promise<ManyOutcome> {
	const queue = await approvalQueue(tx, municipalityId);
	const seen = new Set<string>();
	const outcome: ManyOutcome = { done: 0, refused: [] };
	for (const item of items) {
		const key = `${item.kind}:${item.id}`;
		if (seen.has(key)) continue;
		seen.add(key);
		const result = await decide(tx, municipalityId, item, decision, reason);
		if (result.ok) outcome.done += 1;
		else outcome.refused.push({ item, title: itemTitle(queue, item), code: result.code });
	}
	return outcome;
}
