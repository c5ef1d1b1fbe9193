// A stored offer as the form's values (the shape offerFormValues reads back from a post).
import { windowsToSlots } from '$lib/domain/offer/slots';
import { COMMON_LANGUAGES } from '$lib/domain/vocabulary';
import type { PageData } from './$types';

type Offer = NonNullable<PageData['offer']>;

export type FormValues = Record<string, string | string[] | undefined>;

const NEW_OFFER: FormValues = {
	hoursPerMonth: '4',
	radiusKm: '3',
	where: 'district',
	languages: ['de']
};

export function offerValues(offer: Offer | null, locale: string): FormValues {
	if (!offer) return NEW_OFFER;
	const decimal = (n: number) => (locale === 'de' ? String(n).replace('.', ',') : String(n));
	return {
		categories: offer.categories,
		targetGroups: offer.targetGroups,
		hoursPerMonth: decimal(offer.hoursPerMonth),
		slots: windowsToSlots(offer.availability),
		where: offer.districtId ? 'district' : offer.lat !== null ? 'location' : 'remote',
		municipalityId: offer.municipalityId,
		districtId: offer.districtId ?? '',
		lat: offer.lat === null ? '' : String(offer.lat),
		lng: offer.lng === null ? '' : String(offer.lng),
		radiusKm: decimal(offer.radiusKm),
		remoteOk: offer.remoteOk ? 'on' : '',
		languages: offer.languages.filter((c) => COMMON_LANGUAGES.includes(c)),
		languagesOther: offer.languages.filter((c) => !COMMON_LANGUAGES.includes(c)).join(', '),
		pausedUntil: offer.pausedUntil ?? ''
	};
}
