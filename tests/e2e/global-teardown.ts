import { rm } from 'node:fs/promises';

/** This run's embedded database is thrown away; the next run starts from the seed again. */
export default async function globalTeardown(): Promise<void> {
	const dir = process.env.ZS_E2E_DATA_DIR;
	if (!dir) return;
	await rm(dir, { recursive: true, force: true });
	await rm(`${dir}-sessions`, { recursive: true, force: true });
}
