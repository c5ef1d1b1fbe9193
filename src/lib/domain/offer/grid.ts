// The ~500 m grid home points live on, the same as the database's private.round_lat/round_lng:
// the browser rounds "my location" before it leaves the phone, the database rounds again.

/** A point on the ~500 m grid (0.005° latitude, 0.0075° longitude). */
export function roundToGrid(lat: number, lng: number): { lat: number; lng: number } {
	return {
		lat: Number((Math.round(lat * 200) / 200).toFixed(3)),
		lng: Number((Math.round(lng / 0.0075) * 0.0075).toFixed(4))
	};
}
