// runVerb against a scripted connection: the savepoint protocol, the value handed to `map`, and
// which errors become typed refusals (found by mutation testing; the verbs' SQL is in tests/db).
import { describe, expect, it } from 'vitest';
import { runVerb } from '../../../src/lib/server/db/verb.ts';
import type { Queryable } from '../../../src/lib/server/db/types.ts';
import { refusalsDuring } from '../../support/refusals.ts';

function scripted(result: () => unknown[]) {
	const log: string[] = [];
	const tx = {
		query: async (sql: string) => {
			log.push(sql);
			if (sql.includes('savepoint')) return { rows: [] };
			return { rows: result() };
		}
	};
	return { tx: tx as unknown as Queryable, log };
}

const refusal = (message: string) => Object.assign(new Error(message), { code: 'P0001' });

describe('runVerb', () => {
	it('releases the savepoint and maps the first row', async () => {
		const { tx, log } = scripted(() => [{ v: { id: 'm1' } }]);
		const r = await runVerb(tx, ['need_full'], 'select verb() as v', [], (v) => ({ v }));
		expect(r).toEqual({ ok: true, v: { id: 'm1' } });
		expect(log).toEqual(['savepoint verb', 'select verb() as v', 'release savepoint verb']);
	});

	it('maps undefined when the statement returns no row', async () => {
		const { tx } = scripted(() => []);
		const seen: unknown[] = [];
		const r = await runVerb(tx, [], 'select 1', [], (v) => (seen.push(v), {}));
		expect(r).toEqual({ ok: true });
		expect(seen).toEqual([undefined]);
	});

	it('turns a known refusal into a typed result after rolling back to the savepoint', async () => {
		const { tx, log } = scripted(() => {
			throw refusal('need_full');
		});
		const r = await runVerb(tx, ['need_full'], 'select verb()', [], () => ({}));
		expect(r).toEqual({ ok: false, code: 'need_full' });
		expect(log.at(-1)).toBe('rollback to savepoint verb');
	});

	it('throws anything else on, also after rolling back', async () => {
		const boom = new Error('connection lost');
		const unknownCode = refusal('not_a_known_code');
		for (const error of [boom, unknownCode]) {
			const { tx, log } = scripted(() => {
				throw error;
			});
			await expect(runVerb(tx, ['need_full'], 'select verb()', [], () => ({}))).rejects.toBe(error);
			expect(log.at(-1)).toBe('rollback to savepoint verb');
		}
	});
});

describe('the refusal log names the verb', () => {
	const named = async (sql: string) => {
		const { tx } = scripted(() => {
			throw refusal('not_allowed');
		});
		const { refusals } = await refusalsDuring(() =>
			runVerb(tx, ['not_allowed'], sql, [], () => ({}))
		);
		return refusals.map((r) => r.what);
	};

	it('by the function it calls, schema and name, whatever the spacing', async () => {
		expect(await named('select app.accept_match($1) as v')).toEqual([
			'app.accept_match: not_allowed'
		]);
		expect(await named('select  app.log_hours_2 ( $1, $2 ) as v')).toEqual([
			'app.log_hours_2: not_allowed'
		]);
	});

	it('else by the statement’s first three words', async () => {
		expect(await named('\n  insert   into needs (title) values ($1)')).toEqual([
			'insert into needs: not_allowed'
		]);
		// Not a schema-qualified call: lower(…), a column a.b without a call.
		expect(await named('update public.needs set title = lower($1)')).toEqual([
			'update public.needs set: not_allowed'
		]);
	});
});
