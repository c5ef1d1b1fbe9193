// What a production build refuses to start with (src/hooks.server.ts init, `npm run jobs`): no way
// to deliver mail; the dev outbox, which shows every sign-in code, anywhere but a marked demo or a
// server only its own machine reaches; and an AUTH_SECRET that is missing, short or the public
// development key. Development starts with any of them.
import { describe, expect, it } from 'vitest';
import {
	devOutboxAllowed,
	MIN_SECRET_LENGTH,
	productionSecret,
	proxyWarning,
	requireMailDelivery
} from '../../../src/lib/server/auth/config.ts';
import { DEVELOPMENT_SECRET } from '../../../src/lib/server/auth/dev-secret.ts';
import { E2E_AUTH_SECRET } from '../../e2e/auth-secret.ts';

const OUTBOX = { ZEITSPENDE_DEV_OUTBOX: '1' };
/** The e2e server's setting (playwright.config.ts): its own machine only. */
const LOOPBACK = { ...OUTBOX, ORIGIN: 'http://localhost:4275', HOST: '127.0.0.1' };

describe('mail delivery in production', () => {
	it('needs SMTP_URL or the explicit demo opt-out', () => {
		expect(() => requireMailDelivery({}, false)).toThrow(/SMTP_URL must be set/);
		expect(() => requireMailDelivery({ ZEITSPENDE_DEV_OUTBOX: 'yes' }, false)).toThrow(
			/SMTP_URL must be set/
		);
		expect(() => requireMailDelivery({ SMTP_URL: 'smtp://mail.example.org' }, false)).not.toThrow();
		expect(() => requireMailDelivery(LOOPBACK, false)).not.toThrow();
		expect(() => requireMailDelivery({}, true)).not.toThrow();
	});

	it.each([
		['no ORIGIN', { ...OUTBOX, HOST: '127.0.0.1' }],
		['a public ORIGIN', { ...OUTBOX, ORIGIN: 'https://zeit.example', HOST: '127.0.0.1' }],
		['https on localhost', { ...OUTBOX, ORIGIN: 'https://localhost', HOST: '127.0.0.1' }],
		['a look-alike host', { ...OUTBOX, ORIGIN: 'http://localhost.zeit.example', HOST: '::1' }],
		['127.0.0.1 as a subdomain', { ...OUTBOX, ORIGIN: 'http://127.0.0.1.nip.io', HOST: '::1' }],
		['no ORIGIN that parses', { ...OUTBOX, ORIGIN: 'localhost:4275', HOST: '127.0.0.1' }],
		['listening on all interfaces', { ...OUTBOX, ORIGIN: 'http://localhost:4275' }],
		['listening on 0.0.0.0', { ...LOOPBACK, HOST: '0.0.0.0' }],
		['a socket', { ...LOOPBACK, SOCKET_PATH: '/run/zeitspende.sock' }],
		['SMTP_URL besides', { ...OUTBOX, ORIGIN: 'https://zeit.example', SMTP_URL: 'smtp://m' }]
	])('refuses ZEITSPENDE_DEV_OUTBOX=1 with %s', (_, env: Record<string, string>) => {
		expect(devOutboxAllowed(env, false)).toBe(false);
		expect(() => requireMailDelivery(env, false)).toThrow(
			/ZEITSPENDE_DEV_OUTBOX=1 shows every sign-in code.*OPERATOR_DEMO=1.*loopback/
		);
		// Development serves the outbox whatever the address.
		expect(devOutboxAllowed(env, true)).toBe(true);
		expect(() => requireMailDelivery(env, true)).not.toThrow();
	});

	it.each([
		['the e2e server', LOOPBACK],
		['127.0.0.1', { ...OUTBOX, ORIGIN: 'http://127.0.0.1:4173', HOST: '127.0.0.1' }],
		['::1', { ...OUTBOX, ORIGIN: 'http://[::1]:4173', HOST: '::1' }],
		['a marked demo anywhere (the pages bench)', { ...OUTBOX, OPERATOR_DEMO: '1' }],
		['a marked demo on a public origin', { ...OUTBOX, OPERATOR_DEMO: '1', ORIGIN: 'https://d.ex' }]
	])('accepts ZEITSPENDE_DEV_OUTBOX=1 for %s', (_, env: Record<string, string>) => {
		expect(devOutboxAllowed(env, false)).toBe(true);
		expect(() => requireMailDelivery(env, false)).not.toThrow();
	});

	it('without the flag there is no outbox to allow', () => {
		expect(devOutboxAllowed({ OPERATOR_DEMO: '1' }, false)).toBe(false);
		expect(devOutboxAllowed({ ZEITSPENDE_DEV_OUTBOX: 'true', OPERATOR_DEMO: '1' }, true)).toBe(
			false
		);
	});
});

describe('AUTH_SECRET in production', () => {
	it('refuses a missing one, the development key and anything shorter than 32 characters', () => {
		expect(() => productionSecret(undefined)).toThrow('AUTH_SECRET must be set in production');
		expect(() => productionSecret('')).toThrow('AUTH_SECRET must be set in production');
		expect(() => productionSecret(DEVELOPMENT_SECRET)).toThrow(
			'AUTH_SECRET must not be the development key'
		);
		expect(MIN_SECRET_LENGTH).toBe(32);
		expect(() => productionSecret('s'.repeat(31))).toThrow(
			'AUTH_SECRET must be at least 32 characters in production'
		);
		expect(() => productionSecret('s3cret')).toThrow(/at least 32 characters/);
	});

	it("accepts 32 characters and more, the test runs' keys among them", () => {
		expect(productionSecret('s'.repeat(32))).toBe('s'.repeat(32));
		expect(productionSecret(E2E_AUTH_SECRET)).toBe(E2E_AUTH_SECRET);
		// The pages bench's and the start-without-mail spec's keys.
		for (const key of [
			'bench-pages-only-not-a-secret-5d0c1e7a',
			'e2e-only-not-a-secret-start-without-mail'
		])
			expect(productionSecret(key)).toBe(key);
	});
});

describe('a proxy without ADDRESS_HEADER', () => {
	it('is warned of in production behind an https ORIGIN, and only there', () => {
		const https = { ORIGIN: 'https://zeitspende.lindenau.example' };
		expect(proxyWarning(https, false)).toMatch(/ADDRESS_HEADER/);
		expect(proxyWarning({ ...https, ADDRESS_HEADER: 'X-Forwarded-For' }, false)).toBeUndefined();
		expect(proxyWarning({ ORIGIN: 'http://localhost:3000' }, false)).toBeUndefined();
		expect(proxyWarning({}, false)).toBeUndefined();
		expect(proxyWarning(https, true)).toBeUndefined();
	});
});
