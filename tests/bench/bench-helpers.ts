// Helpers for the benches' towns, written set-based (generate_series): accounts, profiles and
// offers clustered around a town centre. Offers: categories 1–5 (each ~35 %), target groups 1–3,
// 2–20 h, one to three weekly windows, radius mostly 2–5 km, 15 % remote-ok, German plus other
// languages, 5 % paused. Ids are md5(`${idPrefix}${n}`), so a bench can name helper n again.
import type pg from 'pg';

export const CENTRE = { lat: 48.37, lng: 10.89 };
export const KM_LAT = 1 / 111.195;
export const KM_LNG = KM_LAT / Math.cos((CENTRE.lat * Math.PI) / 180);

export async function insertHelpers(
	client: pg.ClientBase,
	options: { idPrefix: string; emailPrefix: string; count: number; municipality: string }
): Promise<void> {
	const { idPrefix, emailPrefix, count, municipality } = options;
	await client.query('alter table auth.users disable trigger on_auth_user_created');
	await client.query(
		`insert into auth.users (id, email) select md5($2 || g)::uuid, $3 || g || '@bench.example'
		 from generate_series(1, $1) g`,
		[count, idPrefix, emailPrefix]
	);
	await client.query('alter table auth.users enable trigger on_auth_user_created');
	await client.query(
		`insert into public.profiles (id, display_name) select md5($2 || g)::uuid, 'Helfer*in ' || g
		 from generate_series(1, $1) g`,
		[count, idPrefix]
	);
	await client.query(
		`insert into public.offers (helper_id, municipality_id, categories, target_groups, hours_per_month, availability,
		   home_lat, home_lng, radius_km, remote_ok, languages, paused_until)
		 select md5($7 || g)::uuid, $2,
		   coalesce((select array_agg(c) from unnest(enum_range(null::public.need_category)) c where random() < 0.35 + 0 * g),
		            array['errands'::public.need_category]),
		   coalesce((select array_agg(c) from unnest(enum_range(null::public.target_group)) c where random() < 0.5 + 0 * g),
		            array['seniors'::public.target_group]),
		   2 + floor(random() * 19),
		   (select range_agg(int4range(p.d * 1440 + p.s, p.d * 1440 + p.s + 180))
		      from (select floor(random() * 7)::int as d, (array[480, 840, 1080])[1 + floor(random() * 3)::int] as s
		            from generate_series(1, 1 + (g % 3)) k) p),
		   $3 + (random() + random() + random() - 1.5) * 12 * $5,
		   $4 + (random() + random() + random() - 1.5) * 12 * $6,
		   (array[1, 2, 2, 3, 3, 3, 5, 5, 10, 20])[1 + floor(random() * 10)::int],
		   random() < 0.15,
		   array['de'] || case when random() < 0.25 then array['en'] else '{}' end
		               || case when random() < 0.08 then array['tr'] else '{}' end
		               || case when random() < 0.05 then array['ar'] else '{}' end
		               || case when random() < 0.05 then array['uk'] else '{}' end,
		   case when random() < 0.05 then current_date + 60 end
		 from generate_series(1, $1) g`,
		[count, municipality, CENTRE.lat, CENTRE.lng, KM_LAT, KM_LNG, idPrefix]
	);
}
