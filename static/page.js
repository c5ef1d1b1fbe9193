// @ts-check
// The one script of the pages served without SvelteKit's client (`csr = false`: the start page
// and sign-in, so they stay within the JavaScript budget; README → Benchmarks → Budgets). It does
// what src/lib/pwa/ServiceWorker.svelte does on the other pages: registers the service worker and
// shows the (server-rendered, hidden) update prompt when a new version waits. Plain JavaScript
// from static/: a few lines the browser runs as they are.
(function () {
	const root = document.documentElement;
	const script = /** @type {HTMLScriptElement | null} */ (document.currentScript);
	if ('serviceWorker' in navigator) {
		const type = script?.dataset.workerType === 'module' ? 'module' : 'classic';
		addEventListener('load', function () {
			navigator.serviceWorker
				.register('/service-worker.js', { type: type })
				.then(offerUpdate, function () {
					// Refused (a browser setting, an automated browser): nothing to offer then.
				});
		});
	}

	/** @param {ServiceWorkerRegistration} registration */
	function offerUpdate(registration) {
		const prompt = document.querySelector('[data-update-prompt]');
		const button = prompt?.querySelector('button');
		if (!prompt || !button) return;
		const show = function () {
			// Only a version waiting beside a running one is an update (not the very first worker).
			if (registration.waiting && navigator.serviceWorker.controller) prompt.hidden = false;
		};
		show();
		registration.addEventListener('updatefound', function () {
			registration.installing?.addEventListener('statechange', show);
		});
		button.addEventListener('click', function () {
			button.disabled = true;
			navigator.serviceWorker.addEventListener('controllerchange', function () {
				location.reload();
			});
			registration.waiting?.postMessage({ type: 'SKIP_WAITING' });
		});
	}

	// The page answers to scripts from here on (the end-to-end tests wait for this, as on the
	// pages the root layout hydrates).
	root.setAttribute('data-hydrated', '');
})();
