// The calendar feed's iCalendar text: escaping, 75-octet folding, CRLF, and what a standard
// parser (ical.js) reads back — time zone, weekly recurrence with its end, stable UIDs.
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { feedUrls, type FeedCommitment } from '../../../src/lib/server/calendar/feed.ts';
import {
	berlinToUtc,
	escapeText,
	foldLine,
	renderCalendar,
	type FeedTexts
} from '../../../src/lib/server/calendar/ics.ts';
import { feedTexts } from '../../../src/lib/server/calendar/texts.ts';

const texts: FeedTexts = {
	calendarName: 'Zeitspende – meine Einsätze',
	calendarDescription: 'Aktive Einsätze',
	location: (c) => (c.remote ? 'Aus der Ferne' : c.district),
	description: (c) => `Organisation: ${c.organisation}\n${c.description}`
};

const commitment = (over: Partial<FeedCommitment> = {}): FeedCommitment => ({
	match: '0b8e6c1e-4a51-4d39-9a57-0d6f1b7a2c10',
	title: 'Einkauf, Apotheke; Post \\ Rezept',
	description: 'Zweimal im Monat.\nBitte klingeln; Hinterhaus, 2. Stock.',
	organisation: 'Nachbarschaftshilfe Lindenau e. V.',
	district: 'Altstadt',
	remote: false,
	cadence: 'monthly',
	hours: 4,
	startsOn: '2026-12-01',
	endsOn: '2026-12-22',
	// Tuesday 16:00–17:00 (a Tuesday is day 1: 1440 + 960)
	windows: [{ from: 2400, to: 2460 }],
	...over
});

const NOW = new Date('2026-11-28T12:34:56.789Z');

/** Parses with ical.js and registers the feed's own VTIMEZONE, as a calendar app does. */
function parse(text: string) {
	const calendar = new ICAL.Component(ICAL.parse(text));
	for (const tz of calendar.getAllSubcomponents('vtimezone')) {
		ICAL.TimezoneService.register(new ICAL.Timezone(tz));
	}
	const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
	return { calendar, events };
}

/** Every start of a recurring event, as UTC instants (ISO). */
function occurrences(event: ICAL.Event, max = 60): string[] {
	const it = event.iterator();
	const out: string[] = [];
	for (let next = it.next(); next && out.length < max; next = it.next()) {
		out.push(next.toJSDate().toISOString());
	}
	return out;
}

describe('escapeText', () => {
	it('escapes backslash, semicolon and comma, and writes newlines as \\n', () => {
		expect(escapeText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
	});

	it('drops control characters a TEXT value may not hold, keeps tabs and letters', () => {
		expect(escapeText('Ä\u0000b\u0007c\u001bd\te\u007f')).toBe('Äbcd\te');
	});
});

describe('foldLine', () => {
	const octets = (s: string) => Buffer.byteLength(s, 'utf8');
	const unfold = (s: string) => s.replace(/\r\n /g, '');

	it('leaves a line of 75 octets alone and folds one of 76', () => {
		expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
		expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
	});

	it('folds long lines into lines of at most 75 octets that unfold to the original', () => {
		const line = `DESCRIPTION:${'Hausaufgabenhilfe '.repeat(20)}`;
		const folded = foldLine(line);
		const parts = folded.split('\r\n');
		expect(parts.length).toBeGreaterThan(4);
		for (const part of parts) expect(octets(part)).toBeLessThanOrEqual(75);
		for (const part of parts.slice(1)) expect(part.startsWith(' ')).toBe(true);
		expect(unfold(folded)).toBe(line);
	});

	it.each([
		['U+007F', '\u007f', 75],
		['U+0080', '\u0080', 37],
		['U+07FF', '\u07ff', 37],
		['U+0800', '\u0800', 25],
		['U+FFFF', '\uffff', 25],
		['U+10000', '\u{10000}', 18]
	])('fits %s exactly as often as its UTF-8 octets allow into a line', (_, char, fits) => {
		expect(foldLine(char.repeat(fits))).toBe(char.repeat(fits));
		expect(foldLine(char.repeat(fits + 1))).toBe(`${char.repeat(fits)}\r\n ${char}`);
	});

	it('counts octets, not characters, and never splits a multi-byte character', () => {
		const line = `SUMMARY:${'Übergröße 🧓🏽 '.repeat(12)}`;
		const folded = foldLine(line);
		const parts = folded.split('\r\n');
		for (const part of parts) {
			expect(octets(part)).toBeLessThanOrEqual(75);
			// A split code point would show as a lone surrogate or a replacement character.
			expect(Buffer.from(part, 'utf8').toString('utf8')).toBe(part);
			expect(part).not.toMatch(
				/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
			);
		}
		expect(unfold(folded)).toBe(line);
	});
});

describe('berlinToUtc', () => {
	it('takes an hour off in winter and two in summer, across the changes', () => {
		const wall = (iso: string) => new Date(`${iso}Z`);
		expect(berlinToUtc(wall('2026-12-01T16:00:00')).toISOString()).toBe('2026-12-01T15:00:00.000Z');
		expect(berlinToUtc(wall('2027-07-01T16:00:00')).toISOString()).toBe('2027-07-01T14:00:00.000Z');
		expect(berlinToUtc(wall('2027-03-28T03:30:00')).toISOString()).toBe('2027-03-28T01:30:00.000Z');
		expect(berlinToUtc(wall('2027-10-31T01:30:00')).toISOString()).toBe('2027-10-30T23:30:00.000Z');
	});
});

describe('renderCalendar', () => {
	// Rendered in each test, not once for all: the mutation run only counts what runs in a test.
	const render = () => renderCalendar([commitment()], texts, NOW);

	it('ends every line with CRLF, none longer than 75 octets', () => {
		const text = render();
		expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
		expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		for (const line of text.split('\r\n')) {
			expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
		}
	});

	it('parses with ical.js: a calendar with the Berlin time zone and the event as written', () => {
		const { calendar, events } = parse(render());
		expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
		expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Zeitspende – meine Einsätze');
		expect(calendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe(
			'Europe/Berlin'
		);
		expect(events).toHaveLength(1);
		const [event] = events;
		expect({
			uid: event!.uid,
			summary: event!.summary,
			location: event!.location,
			description: event!.description,
			stamp: String(event!.component.getFirstPropertyValue('dtstamp')),
			tzid: event!.component.getFirstProperty('dtstart')?.getParameter('tzid'),
			start: event!.startDate.toJSDate().toISOString(),
			end: event!.endDate.toJSDate().toISOString()
		}).toEqual({
			uid: 'zeitspende-0b8e6c1e-4a51-4d39-9a57-0d6f1b7a2c10-2400-2460',
			summary: 'Einkauf, Apotheke; Post \\ Rezept',
			location: 'Altstadt',
			description:
				'Organisation: Nachbarschaftshilfe Lindenau e. V.\nZweimal im Monat.\nBitte klingeln; Hinterhaus, 2. Stock.',
			stamp: '2026-11-28T12:34:56Z',
			tzid: 'Europe/Berlin',
			start: '2026-12-01T15:00:00.000Z',
			end: '2026-12-01T16:00:00.000Z'
		});
	});

	it('repeats weekly until the last day of the need, and not after it', () => {
		const text = render();
		const [event] = parse(text).events;
		expect(event!.isRecurring()).toBe(true);
		expect(text).toContain('RRULE:FREQ=WEEKLY;UNTIL=20261222T225900Z');
		expect(occurrences(event!)).toEqual([
			'2026-12-01T15:00:00.000Z',
			'2026-12-08T15:00:00.000Z',
			'2026-12-15T15:00:00.000Z',
			'2026-12-22T15:00:00.000Z'
		]);
	});

	it('keeps the wall-clock time across the change to summer time', () => {
		// From Saturday 20 March 2027, Mondays 9:00–11:00; summer time starts on 28 March.
		const ics = renderCalendar(
			[
				commitment({
					startsOn: '2027-03-20',
					endsOn: '2027-04-05',
					windows: [{ from: 540, to: 660 }]
				})
			],
			texts,
			NOW
		);
		const [event] = parse(ics).events;
		expect(occurrences(event!)).toEqual([
			'2027-03-22T08:00:00.000Z',
			'2027-03-29T07:00:00.000Z',
			'2027-04-05T07:00:00.000Z'
		]);
		expect(ics).toContain('UNTIL=20270405T215900Z');
	});

	it('names itself, asks to be refreshed every six hours, and marks each event confirmed and busy', () => {
		const { calendar, events } = parse(render());
		const prop = (name: string) => calendar.getFirstPropertyValue(name);
		expect({
			prodid: prop('prodid'),
			calscale: prop('calscale'),
			method: prop('method'),
			name: prop('name'),
			description: prop('description'),
			timezone: prop('x-wr-timezone'),
			refresh: String(prop('refresh-interval')),
			ttl: prop('x-published-ttl')
		}).toEqual({
			prodid: '-//Zeitspende//Kalender-Abo//DE',
			calscale: 'GREGORIAN',
			method: 'PUBLISH',
			name: 'Zeitspende – meine Einsätze',
			description: 'Aktive Einsätze',
			timezone: 'Europe/Berlin',
			refresh: 'PT6H',
			ttl: 'PT6H'
		});
		const event = events[0]!.component;
		expect([event.getFirstPropertyValue('status'), event.getFirstPropertyValue('transp')]).toEqual([
			'CONFIRMED',
			'OPAQUE'
		]);
	});

	it('writes no LOCATION for a commitment with neither district nor remote', () => {
		const text = renderCalendar([commitment({ district: null })], texts, NOW);
		expect(text).not.toMatch(/\r\nLOCATION[:;]/);
		expect(parse(text).events[0]!.location).toBeNull();
	});

	it('keeps a window whose first start is the very last minute of the last day', () => {
		// A one-day need on Tuesday 1 December; Tuesdays 23:59–24:00.
		const [event] = parse(
			renderCalendar(
				[commitment({ endsOn: '2026-12-01', windows: [{ from: 2879, to: 2880 }] })],
				texts,
				NOW
			)
		).events;
		expect(occurrences(event!)).toEqual(['2026-12-01T22:59:00.000Z']);
	});

	it('repeats without end while a need has no last day', () => {
		const [event] = parse(renderCalendar([commitment({ endsOn: null })], texts, NOW)).events;
		expect(event!.component.getFirstPropertyValue('rrule')?.toString()).toBe('FREQ=WEEKLY');
		expect(occurrences(event!, 10)).toHaveLength(10);
	});

	it('makes one event per window, each with its own stable UID, the same on every render', () => {
		const two = commitment({
			windows: [
				{ from: 2400, to: 2460 },
				{ from: 5280, to: 5400 }
			]
		});
		const uids = (ics: string) => parse(ics).events.map((e) => e.uid);
		const first = uids(renderCalendar([two], texts, NOW));
		const later = uids(renderCalendar([two], texts, new Date('2027-01-05T08:00:00Z')));
		expect(first).toEqual([
			'zeitspende-0b8e6c1e-4a51-4d39-9a57-0d6f1b7a2c10-2400-2460',
			'zeitspende-0b8e6c1e-4a51-4d39-9a57-0d6f1b7a2c10-5280-5400'
		]);
		expect(later).toEqual(first);
	});

	it('a window that ends at midnight ends on the next day', () => {
		// Sunday 22:00–24:00
		const [event] = parse(
			renderCalendar([commitment({ windows: [{ from: 9960, to: 10080 }] })], texts, NOW)
		).events;
		expect(event!.startDate.toString()).toBe('2026-12-06T22:00:00');
		expect(event!.endDate.toString()).toBe('2026-12-07T00:00:00');
	});

	it('a commitment without weekly windows is one all-day event on its first day', () => {
		const [event] = parse(
			renderCalendar([commitment({ windows: [], remote: true })], texts, NOW)
		).events;
		// Written out, though a day-long end is also what a reader assumes without one.
		expect(event!.component.getFirstPropertyValue('dtend')?.toString()).toBe('2026-12-02');
		expect({
			uid: event!.uid,
			allDay: event!.startDate.isDate,
			start: event!.startDate.toString(),
			end: event!.endDate.toString(),
			recurring: event!.isRecurring(),
			location: event!.location
		}).toEqual({
			uid: 'zeitspende-0b8e6c1e-4a51-4d39-9a57-0d6f1b7a2c10',
			allDay: true,
			start: '2026-12-01',
			end: '2026-12-02',
			recurring: false,
			location: 'Aus der Ferne'
		});
	});

	it('drops a window that would first fall after the last day (then the all-day event stands)', () => {
		// A one-day need on Tuesday 1 December; the window is on Wednesdays.
		const ics = renderCalendar(
			[commitment({ endsOn: '2026-12-01', windows: [{ from: 3840, to: 3900 }] })],
			texts,
			NOW
		);
		const { events } = parse(ics);
		expect(events.map((e) => [e.startDate.toString(), e.isRecurring()])).toEqual([
			['2026-12-01', false]
		]);
	});

	it('an empty feed is still a valid calendar', () => {
		const { calendar, events } = parse(renderCalendar([], texts, NOW));
		expect(events).toEqual([]);
		expect(calendar.name).toBe('vcalendar');
	});
});

describe('feedUrls', () => {
	it('gives the https address of the feed and the same as webcal://, on https and on http', () => {
		expect(feedUrls('https://zeitspende.example', 'tok-en_1')).toEqual({
			https: 'https://zeitspende.example/calendar/tok-en_1.ics',
			webcal: 'webcal://zeitspende.example/calendar/tok-en_1.ics'
		});
		expect(feedUrls('http://localhost:5173', 'abc')).toEqual({
			https: 'http://localhost:5173/calendar/abc.ics',
			webcal: 'webcal://localhost:5173/calendar/abc.ics'
		});
	});
});

describe('feedTexts', () => {
	it('describes a commitment in German by default words, with its period and hours', () => {
		const t = feedTexts('de');
		const c = commitment({
			hours: 2.5,
			description: '\n  Zweimal im Monat.\nBitte klingeln; Hinterhaus, 2. Stock.  \n'
		});
		expect(t.location(c)).toBe('Altstadt');
		expect(t.location({ ...c, remote: true })).toBe('Aus der Ferne (Telefon, Video)');
		expect(t.description(c).split('\n')).toEqual([
			'Organisation: Nachbarschaftshilfe Lindenau e. V.',
			'2,5 Std. pro Monat',
			'Zeitraum: 1. Dezember 2026 bis 22. Dezember 2026',
			'',
			'Zweimal im Monat.',
			'Bitte klingeln; Hinterhaus, 2. Stock.'
		]);
	});

	it('leaves out a description of blanks only', () => {
		const c = commitment({ endsOn: null, description: ' \n\t ' });
		expect(feedTexts('de').description(c).split('\n')).toEqual([
			'Organisation: Nachbarschaftshilfe Lindenau e. V.',
			'4 Std. pro Monat',
			'Ab 1. Dezember 2026'
		]);
	});

	it('in English, says when there is no fixed weekly time', () => {
		const t = feedTexts('en');
		const c = commitment({ cadence: 'one_off', endsOn: null, windows: [], description: '' });
		expect(t.description(c).split('\n')).toEqual([
			'Organisation: Nachbarschaftshilfe Lindenau e. V.',
			'4 h once',
			'From 1 December 2026',
			'No fixed weekly time: agree on it together.'
		]);
	});
});
