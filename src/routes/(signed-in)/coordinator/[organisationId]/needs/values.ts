// A stored need as the form's values (the shape needFormValues reads back from a post).
import { windowsToSlots } from '$lib/domain/offer/slots';
import type { WeekWindow } from '$lib/domain/matching/windows';
import { COMMON_LANGUAGES } from '$lib/domain/vocabulary';

export type FormValues = Record<string, string | string[] | undefined>;

/** What the form shows of a stored need (the server's StoredNeed has these fields). */
export interface NeedFields {
	title: string;
	description: string;
	category: string;
	targetGroup: string;
	hours: number;
	cadence: string;
	startsOn: string;
	endsOn: string | null;
	timeWindows: WeekWindow[] | null;
	districtId: string | null;
	lat: number | null;
	lng: number | null;
	remote: boolean;
	requiredLanguages: string[];
	preferredLanguages: string[];
	helpersWanted: number;
	requires72a: boolean;
}

export const NEW_NEED: FormValues = {
	cadence: 'one_off',
	hours: '2',
	where: 'district',
	helpersWanted: '1'
};

export function needValues(need: NeedFields, locale: string): FormValues {
	const decimal = (n: number) => (locale === 'de' ? String(n).replace('.', ',') : String(n));
	const common = (codes: string[]) => codes.filter((c) => COMMON_LANGUAGES.includes(c));
	const other = (codes: string[]) => codes.filter((c) => !COMMON_LANGUAGES.includes(c)).join(', ');
	const where = need.remote
		? 'remote'
		: need.districtId && need.lat !== null
			? 'district'
			: 'point';
	return {
		title: need.title,
		description: need.description,
		category: need.category,
		targetGroup: need.targetGroup,
		cadence: need.cadence,
		hours: decimal(need.hours),
		startsOn: need.startsOn,
		endsOn: need.endsOn ?? '',
		slots: windowsToSlots(need.timeWindows),
		where,
		districtId: need.districtId ?? '',
		point: where === 'point' && need.lat !== null ? `${need.lat}, ${need.lng}` : '',
		requiredLanguages: common(need.requiredLanguages),
		requiredLanguagesOther: other(need.requiredLanguages),
		preferredLanguages: common(need.preferredLanguages),
		preferredLanguagesOther: other(need.preferredLanguages),
		helpersWanted: String(need.helpersWanted),
		requires72a: need.requires72a ? 'on' : ''
	};
}
