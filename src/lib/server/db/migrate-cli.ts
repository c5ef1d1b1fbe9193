// `npm run db:migrate`: applies migrations to DATABASE_URL (or the embedded database).
import { openDatabase } from './open.ts';

// SEED_DEMO=1 also loads the fictional demo towns into an empty database.
const db = await openDatabase({
	url: process.env.DATABASE_URL,
	prepare: true,
	seed: process.env.SEED_DEMO === '1'
});
console.log(`migrations applied (${db.kind})`);
await db.close();
