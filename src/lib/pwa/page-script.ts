// The one script of the pages served without SvelteKit's client (`csr = false`: the start page,
// sign-in, the helper's needs and the coordinator's need page, so they stay within the JavaScript
// budget; README → Benchmarks → Budgets). Built as a chunk of its own (vite.config.ts) and loaded
// by PageScript.svelte. It does what ServiceWorker.svelte and Outbox.svelte do on the other
// pages: registers the service worker, shows the (server-rendered, hidden) update prompt when a
// new version waits, and keeps and sends what is done offline (the same outbox-view.ts).
import { startOutbox } from './outbox-view.ts';
import { queueOnSubmit } from './queueable.ts';

/** Only a version waiting beside a running one is an update (not the very first worker). */
function offerUpdate(registration: ServiceWorkerRegistration): void {
	const prompt = document.querySelector<HTMLElement>('[data-update-prompt]');
	const button = prompt?.querySelector('button');
	if (!prompt || !button) return;
	const show = () => {
		if (registration.waiting && navigator.serviceWorker.controller) prompt.hidden = false;
	};
	show();
	registration.addEventListener('updatefound', () =>
		registration.installing?.addEventListener('statechange', show)
	);
	button.addEventListener('click', () => {
		button.disabled = true;
		navigator.serviceWorker.addEventListener('controllerchange', () => location.reload());
		registration.waiting?.postMessage({ type: 'SKIP_WAITING' });
	});
}

if ('serviceWorker' in navigator) {
	const type = import.meta.env.DEV ? 'module' : 'classic';
	const register = () =>
		navigator.serviceWorker.register('/service-worker.js', { type }).then(offerUpdate, () => {
			// Refused (a browser setting, an automated browser): nothing to offer then.
		});
	if (document.readyState === 'complete') void register();
	else addEventListener('load', () => void register());
}

const outbox = document.querySelector<HTMLElement>('[data-outbox]');
if (outbox) {
	const person = outbox.dataset.person || null;
	// After sending, the page stays as it is: it says what was sent (no data of SvelteKit's to renew).
	startOutbox(outbox, { person, afterSend: async () => undefined });
	if (person) document.addEventListener('submit', queueOnSubmit(person));
}

// The page answers to scripts from here on (the end-to-end tests wait for this, as on the pages
// the root layout hydrates).
document.documentElement.setAttribute('data-hydrated', '');
