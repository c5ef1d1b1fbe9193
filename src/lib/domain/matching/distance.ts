// Great-circle distance, the same formula as private.haversine_km in
// supabase/migrations/20261128000100_foundation.sql (R = 6371 km).

const EARTH_RADIUS_KM = 6371;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Distance in km between two points given in degrees (haversine). */
export function haversineKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
	const a =
		Math.sin(rad(lat2 - lat1) / 2) ** 2 +
		Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lng2 - lng1) / 2) ** 2;
	return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}
