import { describe, it, expect } from 'vitest';
import { parseInstance, validateInstance } from '../../../src/lib/domain/assignment/validate.ts';

const good = () => ({
	helpers: [{ id: 'h1', capacity: 10 }],
	needs: [{ id: 'n1', hours: 4, slots: 1 }],
	candidates: [{ need: 'n1', helper: 'h1', score: 87.5 }]
});

function errorsOf(raw: unknown): string[] {
	const v = validateInstance(raw);
	return v.ok ? [] : v.errors;
}

describe('validateInstance', () => {
	it('accepts a good instance and drops unknown fields', () => {
		const v = validateInstance({ ...good(), extra: 1 });
		expect(v.ok).toBe(true);
		if (v.ok) expect(v.instance).toEqual(good());
	});

	it('rejects non-JSON and non-objects', () => {
		expect(parseInstance('{"helpers": [').ok).toBe(false);
		expect((parseInstance('not json') as { errors: string[] }).errors[0]).toMatch(/not valid JSON/);
		expect(errorsOf([])[0]).toMatch(/JSON object/);
		expect(errorsOf(null)[0]).toMatch(/JSON object/);
	});

	it('names missing sections', () => {
		expect(errorsOf({ helpers: [], needs: [] })).toEqual(['candidates: is missing']);
	});

	it('rejects non-positive or non-finite hours and capacity', () => {
		const i = good();
		i.helpers[0]!.capacity = 0;
		i.needs[0]!.hours = -2;
		expect(errorsOf(i)).toEqual([
			'helpers[0].capacity: must be positive (got 0)',
			'needs[0].hours: must be positive (got -2)'
		]);
		expect(
			parseInstance('{"helpers":[{"id":"h","capacity":1e999}],"needs":[],"candidates":[]}')
		).toEqual({
			ok: false,
			errors: ['helpers[0].capacity: must be finite (got Infinity)']
		});
		const s = good() as unknown as { needs: { hours: unknown }[] };
		s.needs[0]!.hours = '4';
		expect(errorsOf(s)).toEqual(['needs[0].hours: must be a number (got "4")']);
	});

	it('rejects slots that are not positive integers and negative scores', () => {
		const i = good();
		i.needs[0]!.slots = 1.5;
		i.candidates[0]!.score = -1;
		expect(errorsOf(i)).toEqual([
			'needs[0].slots: must be a positive integer (got 1.5)',
			'candidates[0].score: must not be negative (got -1)'
		]);
		i.needs[0]!.slots = 0;
		expect(errorsOf(i)[0]).toMatch(/slots: must be a positive integer/);
	});

	it('rejects duplicate ids, unknown ids and duplicate pairs', () => {
		const i = good();
		i.helpers.push({ id: 'h1', capacity: 3 });
		i.needs.push({ id: 'n1', hours: 1, slots: 1 });
		i.candidates.push(
			{ need: 'nX', helper: 'h1', score: 1 },
			{ need: 'n1', helper: 'hX', score: 1 },
			{ need: 'n1', helper: 'h1', score: 2 }
		);
		expect(errorsOf(i)).toEqual([
			'helpers: duplicate helper id "h1"',
			'needs: duplicate need id "n1"',
			'candidates[1].need: unknown need id "nX"',
			'candidates[2].helper: unknown helper id "hX"',
			'candidates[3]: duplicate pair (need "n1", helper "h1")'
		]);
	});

	it('rejects empty or non-string ids', () => {
		const i = good() as unknown as { helpers: { id: unknown }[] };
		i.helpers[0]!.id = '';
		expect(errorsOf(i)[0]).toMatch(/^helpers\[0\]\.id: must be a non-empty string id/);
		i.helpers[0]!.id = 7;
		expect(errorsOf(i)[0]).toMatch(/^helpers\[0\]\.id: must be a string id/);
	});
});
