// Production builds for `npm run bench -- pages`: the app as it is in this working tree, and the
// bare SvelteKit app beside this file, each copied to a scratch folder and built there with the
// project's installed vite, so the bench never touches the tree's own build/ or .svelte-kit/.
import { spawn } from 'node:child_process';
import { cp, mkdir, symlink, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** What a copy of the app leaves out: installed and generated folders (rebuilt by the build). */
const LEFT_OUT = [
	'node_modules',
	'.git',
	'.svelte-kit',
	'build',
	'.data',
	'test-results',
	'playwright-report',
	'reports',
	'.stryker-tmp',
	join('src', 'lib', 'paraglide')
];

async function copyTree(from: string, to: string, leftOut: string[]): Promise<void> {
	await cp(from, to, {
		recursive: true,
		filter: (source) => {
			const path = relative(from, source);
			return !leftOut.some((out) => path === out || path.startsWith(out + sep));
		}
	});
	// Node resolves packages upwards: the copy finds the project's installed packages.
	await symlink(join(from, 'node_modules'), join(to, 'node_modules')).catch((error) => {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
	});
}

/** `vite build` in `dir`; its output goes to `dir`/build.log, and its tail into the error. */
async function viteBuild(root: string, dir: string): Promise<void> {
	const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
	const log: Buffer[] = [];
	const code = await new Promise<number | null>((resolve, reject) => {
		const child = spawn(process.execPath, [vite, 'build'], {
			cwd: dir,
			env: { ...process.env, NODE_ENV: 'production' },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		child.stdout.on('data', (chunk: Buffer) => log.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => log.push(chunk));
		child.on('error', reject);
		child.on('close', resolve);
	});
	const text = Buffer.concat(log).toString();
	await writeFile(join(dir, 'build.log'), text);
	if (code !== 0) throw new Error(`vite build in ${dir} failed (${code}):\n${text.slice(-3000)}`);
}

export interface Builds {
	/** The app's copy; its server is `node build` there. */
	app: string;
	/** The bare app's copy. */
	bare: string;
}

/** The app alone built under `scratch`; returns its copy's folder. */
export async function buildApp(root: string, scratch: string): Promise<string> {
	const app = join(scratch, 'app');
	await mkdir(scratch, { recursive: true });
	await copyTree(root, app, LEFT_OUT);
	const t = performance.now();
	await viteBuild(root, app);
	console.log(`  app built in ${((performance.now() - t) / 1000).toFixed(0)} s (${app})`);
	return app;
}

/** Both apps built under `scratch` (one after the other: they would share the machine's cores). */
export async function buildBoth(root: string, scratch: string): Promise<Builds> {
	const app = await buildApp(root, scratch);
	const bare = join(scratch, 'bare');
	await cp(join(root, 'tests', 'bench', 'pages', 'bare'), bare, {
		recursive: true,
		filter: (source) => !/[/\\](node_modules|\.svelte-kit|build)$/.test(source)
	});
	await symlink(join(root, 'node_modules'), join(bare, 'node_modules'));
	const t = performance.now();
	await viteBuild(root, bare);
	console.log(`  bare app built in ${((performance.now() - t) / 1000).toFixed(0)} s (${bare})`);
	return { app, bare };
}
