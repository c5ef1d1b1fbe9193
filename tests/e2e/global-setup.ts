import { readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBrowser } from './ensure-browser.ts';

export const DATA_DIR_PREFIX = 'zeitspende-e2e-';

/** Browser first; then the databases earlier runs left behind (an hour old: another run may be live). */
export default async function globalSetup(): Promise<void> {
	ensureBrowser();
	const current = process.env.ZS_E2E_DATA_DIR;
	for (const name of await readdir(tmpdir())) {
		const dir = join(tmpdir(), name);
		if (!name.startsWith(DATA_DIR_PREFIX) || dir === current) continue;
		const { mtimeMs } = await stat(dir).catch(() => ({ mtimeMs: Date.now() }));
		if (Date.now() - mtimeMs > 60 * 60 * 1000) await rm(dir, { recursive: true, force: true });
	}
}
