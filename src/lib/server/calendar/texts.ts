// What the calendar feed says, in the feed owner's language (a calendar app sends no cookie).
import { m } from '../../paraglide/messages.js';
import { formatDate, formatNumber, type Locale } from '../../format.ts';
import type { FeedTexts } from './ics.ts';

export function feedTexts(locale: Locale): FeedTexts {
	const o = { locale };
	return {
		calendarName: m.calendar_feed_name({}, o),
		calendarDescription: m.calendar_feed_description({}, o),
		location: (c) => (c.remote ? m.calendar_feed_remote({}, o) : c.district),
		description: (c) => {
			const hours = formatNumber(c.hours, locale);
			const start = formatDate(c.startsOn, locale);
			return [
				m.calendar_feed_organisation({ name: c.organisation }, o),
				c.cadence === 'monthly'
					? m.need_hours_monthly({ hours }, o)
					: m.need_hours_once({ hours }, o),
				c.endsOn
					? m.calendar_feed_period({ start, end: formatDate(c.endsOn, locale) }, o)
					: m.calendar_feed_from({ start }, o),
				...(c.windows.length === 0 ? [m.calendar_feed_no_fixed_time({}, o)] : []),
				...(c.description.trim() ? ['', c.description.trim()] : [])
			].join('\n');
		}
	};
}
