// The calendar feed as iCalendar text (RFC 5545). Pure: commitments, texts and the time in;
// text out. Each weekly window of a commitment is one recurring event in Europe/Berlin
// (RRULE:FREQ=WEEKLY, until the need's last day); a commitment without weekly windows is one
// all-day event on its first day. UIDs derive from the match and the window, so a calendar
// that refreshes updates its events instead of duplicating them.
import type { WeekWindow } from '../../domain/matching/windows.ts';
import { MINUTES_PER_DAY } from '../../domain/matching/windows.ts';
import type { FeedCommitment } from './feed.ts';

export const TIME_ZONE = 'Europe/Berlin';
const CRLF = '\r\n';

/** What the feed says in the person's language. */
export interface FeedTexts {
	calendarName: string;
	calendarDescription: string;
	/** LOCATION: the district, or that it happens remotely; null for none. */
	location: (c: FeedCommitment) => string | null;
	/** DESCRIPTION: organisation, hours, dates, the need's description. */
	description: (c: FeedCommitment) => string;
}

// ---------------------------------------------------------------------------------------------
// Content lines
// ---------------------------------------------------------------------------------------------

/** A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, newlines as \n, no other control characters. */
export function escapeText(value: string): string {
	return (
		value
			.replace(/\\/g, '\\\\')
			.replace(/;/g, '\\;')
			.replace(/,/g, '\\,')
			.replace(/\r\n|\r|\n/g, '\\n')
			// eslint-disable-next-line no-control-regex -- removing them is the point
			.replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '')
	);
}

const utf8Length = (codePoint: number) =>
	codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;

/**
 * Folds a content line into lines of at most 75 octets (RFC 5545 §3.1): each continuation
 * starts with one space. Never splits a UTF-8 sequence.
 */
export function foldLine(line: string): string {
	const parts: string[] = [];
	let current = '';
	let octets = 0;
	for (const char of line) {
		const size = utf8Length(char.codePointAt(0)!);
		if (octets + size > 75) {
			parts.push(current);
			current = ' ';
			octets = 1;
		}
		current += char;
		octets += size;
	}
	parts.push(current);
	return parts.join(CRLF);
}

// ---------------------------------------------------------------------------------------------
// Dates: calendar arithmetic on UTC fields, so the server's own time zone never matters
// ---------------------------------------------------------------------------------------------

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function parseDate(iso: string): Date {
	const [y, m, d] = iso.split('-').map(Number);
	return new Date(Date.UTC(y!, m! - 1, d!));
}

const addMinutes = (date: Date, minutes: number) => new Date(date.getTime() + minutes * 60_000);

/** 'yyyymmdd' of a calendar date. */
const dateValue = (d: Date) =>
	`${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;

/** 'yyyymmddThhmmss' of a wall-clock time (held in UTC fields). */
const localValue = (d: Date) =>
	`${dateValue(d)}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;

/** 'yyyymmddThhmmssZ' of an instant. */
const utcValue = (d: Date) => `${localValue(d)}Z`;

/** Minutes Europe/Berlin is ahead of UTC at an instant (60 or 120). */
function berlinOffset(instant: Date): number {
	const parts = new Intl.DateTimeFormat('en-GB', {
		timeZone: TIME_ZONE,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit'
	}).formatToParts(instant);
	const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
	const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
	return Math.round((wall - instant.getTime()) / 60_000);
}

/** The instant of a Europe/Berlin wall-clock time (held in UTC fields). */
export function berlinToUtc(wall: Date): Date {
	let instant = addMinutes(wall, -berlinOffset(wall));
	instant = addMinutes(wall, -berlinOffset(instant));
	return instant;
}

/** Weekday of a date, Monday = 0, as windows count them. */
const weekday = (d: Date) => (d.getUTCDay() + 6) % 7;

// ---------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------

const VTIMEZONE = [
	'BEGIN:VTIMEZONE',
	`TZID:${TIME_ZONE}`,
	`X-LIC-LOCATION:${TIME_ZONE}`,
	'BEGIN:DAYLIGHT',
	'TZOFFSETFROM:+0100',
	'TZOFFSETTO:+0200',
	'TZNAME:CEST',
	'DTSTART:19700329T020000',
	'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
	'END:DAYLIGHT',
	'BEGIN:STANDARD',
	'TZOFFSETFROM:+0200',
	'TZOFFSETTO:+0100',
	'TZNAME:CET',
	'DTSTART:19701025T030000',
	'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
	'END:STANDARD',
	'END:VTIMEZONE'
];

/** The first start of a weekly window on or after the commitment's first day (wall-clock). */
function firstStart(startsOn: string, window: WeekWindow): Date {
	const first = parseDate(startsOn);
	const day = Math.floor(window.from / MINUTES_PER_DAY);
	const ahead = (day - weekday(first) + 7) % 7;
	return addMinutes(first, ahead * MINUTES_PER_DAY + (window.from % MINUTES_PER_DAY));
}

function eventLines(c: FeedCommitment, texts: FeedTexts, stamp: string): string[][] {
	const common = (uid: string) => {
		const location = texts.location(c);
		return [
			`UID:${uid}`,
			`DTSTAMP:${stamp}`,
			`SUMMARY:${escapeText(c.title)}`,
			...(location ? [`LOCATION:${escapeText(location)}`] : []),
			`DESCRIPTION:${escapeText(texts.description(c))}`,
			'STATUS:CONFIRMED',
			'TRANSP:OPAQUE'
		];
	};
	// The last moment of the need's last day, as RRULE's UNTIL wants it next to a TZID start: UTC.
	const lastDay = c.endsOn ? parseDate(c.endsOn) : null;
	const until = lastDay ? berlinToUtc(addMinutes(lastDay, MINUTES_PER_DAY - 1)) : null;

	const weekly = c.windows
		.map((w) => ({ w, start: firstStart(c.startsOn, w) }))
		// A window whose first start lies past the last day never happens.
		.filter(({ start }) => !until || berlinToUtc(start) <= until)
		.map(({ w, start }) => [
			'BEGIN:VEVENT',
			...common(`zeitspende-${c.match}-${w.from}-${w.to}`),
			`DTSTART;TZID=${TIME_ZONE}:${localValue(start)}`,
			`DTEND;TZID=${TIME_ZONE}:${localValue(addMinutes(start, w.to - w.from))}`,
			`RRULE:FREQ=WEEKLY${until ? `;UNTIL=${utcValue(until)}` : ''}`,
			'END:VEVENT'
		]);
	if (weekly.length > 0) return weekly;

	const first = parseDate(c.startsOn);
	return [
		[
			'BEGIN:VEVENT',
			...common(`zeitspende-${c.match}`),
			`DTSTART;VALUE=DATE:${dateValue(first)}`,
			`DTEND;VALUE=DATE:${dateValue(addMinutes(first, MINUTES_PER_DAY))}`,
			'END:VEVENT'
		]
	];
}

/** The whole feed: a VCALENDAR with the Berlin time zone and every commitment's events. */
export function renderCalendar(
	commitments: readonly FeedCommitment[],
	texts: FeedTexts,
	now: Date
): string {
	const stamp = utcValue(new Date(Math.floor(now.getTime() / 1000) * 1000));
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Zeitspende//Kalender-Abo//DE',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		`NAME:${escapeText(texts.calendarName)}`,
		`X-WR-CALNAME:${escapeText(texts.calendarName)}`,
		`DESCRIPTION:${escapeText(texts.calendarDescription)}`,
		`X-WR-TIMEZONE:${TIME_ZONE}`,
		'REFRESH-INTERVAL;VALUE=DURATION:PT6H',
		'X-PUBLISHED-TTL:PT6H',
		...VTIMEZONE,
		...commitments.flatMap((c) => eventLines(c, texts, stamp).flat()),
		'END:VCALENDAR'
	];
	return lines.map(foldLine).join(CRLF) + CRLF;
}
