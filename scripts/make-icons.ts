// Writes the app's icons to static/icons/ (run after changing scripts/icons.ts): npm run icons
import { mkdir, writeFile } from 'node:fs/promises';
import { ICONS, iconPng } from './icons.ts';

const folder = new URL('../static/icons/', import.meta.url);
await mkdir(folder, { recursive: true });
for (const spec of ICONS) {
	await writeFile(new URL(spec.file, folder), iconPng(spec));
	console.log(`static/icons/${spec.file} (${spec.size}×${spec.size})`);
}
