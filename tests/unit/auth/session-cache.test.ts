import { describe, expect, it } from 'vitest';
import { sessionCache } from '../../../src/lib/server/auth/session-cache.ts';

const ada = { id: 'ada', email: 'ada@example.org' };
const ben = { id: 'ben', email: 'ben@example.org' };

describe('the cache of live sessions', () => {
	it('answers for a session only within its seconds', () => {
		let now = 1_000;
		const cache = sessionCache(5, { now: () => now });
		cache.keep('a', ada, cache.mark());
		now += 4_999;
		expect(cache.get('a')).toEqual(ada);
		now += 1;
		expect(cache.get('a')).toBeUndefined();
		// A new lookup starts a new window.
		cache.keep('a', ada, cache.mark());
		now += 4_000;
		expect(cache.get('a')).toEqual(ada);
	});

	it('keeps nothing with 0 seconds', () => {
		const cache = sessionCache(0);
		cache.keep('a', ada, cache.mark());
		expect(cache.get('a')).toBeUndefined();
	});

	it('forgets one token, or every token of a person', () => {
		const cache = sessionCache(5);
		cache.keep('a1', ada, cache.mark());
		cache.keep('a2', ada, cache.mark());
		cache.keep('b', ben, cache.mark());
		cache.forgetToken('a1');
		expect(cache.get('a1')).toBeUndefined();
		expect(cache.get('a2')).toEqual(ada);
		cache.forgetPerson('ada');
		expect(cache.get('a2')).toBeUndefined();
		expect(cache.get('b')).toEqual(ben);
	});

	it('holds at most `max` sessions, the oldest looked up going first', () => {
		const cache = sessionCache(5, { max: 2 });
		cache.keep('a', ada, cache.mark());
		cache.keep('b', ben, cache.mark());
		cache.keep('a', ada, cache.mark()); // looked up again: now the newest
		cache.keep('c', ben, cache.mark());
		expect(cache.get('b')).toBeUndefined();
		expect(cache.get('a')).toEqual(ada);
		expect(cache.get('c')).toEqual(ben);
	});

	it('keeps no lookup that overlapped a forget: it may have read what has just ended', () => {
		const cache = sessionCache(5);
		const mark = cache.mark();
		cache.forgetToken('a');
		cache.keep('a', ada, mark);
		expect(cache.get('a')).toBeUndefined();
		const later = cache.mark();
		cache.forgetPerson('ben');
		cache.keep('a', ada, later);
		expect(cache.get('a')).toBeUndefined();
		cache.keep('a', ada, cache.mark());
		expect(cache.get('a')).toEqual(ada);
	});
});
