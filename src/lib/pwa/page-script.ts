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

/** A plain form is sent once: a second tap while its answer loads does nothing. */
function oncePerForm(event: SubmitEvent): void {
	const form = event.target;
	if (!(form instanceof HTMLFormElement) || event.defaultPrevented) return;
	if (form.dataset.sending !== undefined) event.preventDefault();
	else form.dataset.sending = '';
}

function start(): void {
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
		// After sending, the page stays as it is and says what was sent (no data of Kit's to renew).
		startOutbox(outbox, { person, afterSend: async () => undefined });
		if (person) document.addEventListener('submit', queueOnSubmit(person));
	}
	// After the queue's listener: a post it kept offline is no sending.
	document.addEventListener('submit', oncePerForm);
	// Back to this page from the history, the forms can be sent again.
	addEventListener('pageshow', () => {
		for (const form of document.forms) delete form.dataset.sending;
	});

	// The page answers to scripts from here on (the end-to-end tests wait for this, as on the
	// pages the root layout hydrates).
	document.documentElement.setAttribute('data-hydrated', '');
}

// Never beside SvelteKit's client (its boot script defines __sveltekit_…), which runs its own
// outbox and prompt: Kit's router loads these pages whole (ServiceWorker.svelte).
if (!Object.keys(globalThis).some((name) => name.startsWith('__sveltekit_'))) start();
