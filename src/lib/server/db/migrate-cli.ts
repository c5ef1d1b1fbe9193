// `npm run db:migrate`: applies migrations to DATABASE_URL (or the embedded database).
import { openDatabase } from './open.ts';

const db = await openDatabase({ url: process.env.DATABASE_URL, prepare: true });
console.log(`migrations applied (${db.kind})`);
await db.close();
