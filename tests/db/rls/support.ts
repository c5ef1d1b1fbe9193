// Shared helpers for the row-level-security tests: one database and one fixture world per test
// file, every statement run as a persona through the app's own asPerson/asAnonymous (claims +
// `set local role`), and rolled back afterwards so tests never see each other's writes.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db/open.ts';
import { asAnonymous, asPerson, asSystem, type Tx } from '../../../src/lib/server/db/person.ts';
import {
	buildWorld,
	keyColumn,
	publicTables,
	type PersonaName,
	type PublicTable,
	type RowId,
	type World
} from '../fixtures.ts';
import { freshDatabase, type Backend } from '../harness.ts';

export type Who = PersonaName | 'anonymous';
/** A persona, or the system (the table owner, as asSystem runs). */
export type Actor = Who | 'system';

export interface Context {
	db: Database;
	world: World;
}

/** Opens this file's database and builds the world once; closes it after the file. */
export function useWorld(backend: Backend): Context {
	const ctx = {} as Context;
	beforeAll(async () => {
		ctx.db = await freshDatabase(backend, 2);
		ctx.world = await buildWorld(ctx.db.pool);
	});
	afterAll(async () => {
		await ctx.db?.close();
	});
	return ctx;
}

class Rollback {
	value: unknown;
	constructor(value: unknown) {
		this.value = value;
	}
}

/** Runs `work` as the persona in one transaction and rolls it back, returning work's result. */
export async function as<T>(ctx: Context, who: Actor, work: (tx: Tx) => Promise<T>): Promise<T> {
	const body = async (tx: Tx) => {
		throw new Rollback(await work(tx));
	};
	try {
		if (who === 'system') await asSystem(ctx.db.pool, body);
		else if (who === 'anonymous') await asAnonymous(ctx.db.pool, body);
		else await asPerson(ctx.db.pool, ctx.world.personas[who], body);
	} catch (error) {
		if (error instanceof Rollback) return error.value as T;
		throw error;
	}
	throw new Error('unreachable');
}

/**
 * Switches the open transaction to another actor (claims and role), so one rolled-back story can
 * have several people act in turn, e.g. a coordinator invites and the helper accepts.
 */
export async function actAs(ctx: Context, tx: Tx, who: Actor): Promise<void> {
	await tx.query('reset role');
	if (who === 'system') {
		await tx.query(`select set_config('request.jwt.claims', '', true)`);
	} else if (who === 'anonymous') {
		await tx.query(`select set_config('request.jwt.claims', '{"role":"anon"}', true)`);
		await tx.query('set local role anon');
	} else {
		await tx.query(`select set_config('request.jwt.claims', $1, true)`, [
			JSON.stringify(ctx.world.personas[who])
		]);
		await tx.query('set local role authenticated');
	}
}

/**
 * One statement inside the open transaction, under a savepoint: when it is refused, the
 * transaction is rolled back to before it and the story goes on. Rethrows for expectDenied.
 */
export async function attempt(tx: Tx, sql: string, params: unknown[] = []) {
	await tx.query('savepoint attempt');
	try {
		const result = await tx.query(sql, params);
		await tx.query('release savepoint attempt');
		return result;
	} catch (error) {
		await tx.query('rollback to savepoint attempt');
		throw error;
	}
}

/** One statement as the persona, rolled back. */
export function run(ctx: Context, who: Actor, sql: string, params: unknown[] = []) {
	return as(ctx, who, (tx) => tx.query(sql, params));
}

/** How many rows the statement touched (update/delete that RLS filters to nothing gives 0). */
export async function affected(
	ctx: Context,
	who: Actor,
	sql: string,
	params: unknown[] = []
): Promise<number> {
	return (await run(ctx, who, sql, params)).rowCount ?? 0;
}

export type Denial =
	/** 42501: the row fails a policy's WITH CHECK ("new row violates row-level security policy"). */
	| 'rls'
	/** 42501: the role has no grant at all ("permission denied for table/function/schema"). */
	| 'privilege'
	/** P0001: a trigger or a verb (request_match, accept_invitation, …) refused, with this code. */
	| { raised: string };

export async function expectDenied(promise: Promise<unknown>, denial: Denial): Promise<void> {
	let error: { code?: string; message?: string } | undefined;
	try {
		await promise;
	} catch (e) {
		error = e as { code?: string; message?: string };
	}
	expect(error, 'expected the statement to be refused').toBeDefined();
	if (denial === 'rls') {
		expect({ code: error!.code, message: error!.message }).toMatchObject({
			code: '42501',
			message: expect.stringMatching(/violates row-level security policy/)
		});
	} else if (denial === 'privilege') {
		expect({ code: error!.code, message: error!.message }).toMatchObject({
			code: '42501',
			message: expect.stringMatching(/permission denied/)
		});
	} else {
		expect({ code: error!.code, message: error!.message }).toEqual({
			code: 'P0001',
			message: denial.raised
		});
	}
}

/** The world's rows of `table` that the persona can read, as sorted strings. */
export async function visible(ctx: Context, who: Who, table: PublicTable): Promise<string[]> {
	const key = keyColumn[table];
	const { rows } = await run(
		ctx,
		who,
		`select ${key}::text as key from public.${table} where ${key}::text = any($1::text[])`,
		[ctx.world.rows[table].map(String)]
	);
	return rows.map((r) => r.key as string).sort();
}

export const sorted = (ids: RowId[]) => ids.map(String).sort();

export type Visibility = Record<PublicTable, RowId[] | 'denied'>;

/**
 * One test per public table: the persona reads exactly the expected rows of the world and none of
 * the others (named in the test), or is refused the table outright.
 */
export function itReadsExactly(
	ctx: Context,
	who: Who,
	expected: (world: World) => Visibility
): void {
	it.each(publicTables)(
		'reads exactly the expected rows of %s, and none of the others',
		async (table) => {
			const want = expected(ctx.world)[table];
			if (want === 'denied') {
				await expectDenied(visible(ctx, who, table), 'privilege');
				return;
			}
			const seen = await visible(ctx, who, table);
			const hidden = sorted(ctx.world.rows[table]).filter((id) => !want.map(String).includes(id));
			expect({ seen, hidden: hidden.filter((id) => seen.includes(id)) }).toEqual({
				seen: sorted(want),
				hidden: []
			});
		}
	);
}

/** Every row of the world, for tables everyone may read. */
export const all = (world: World, table: PublicTable) => world.rows[table];
