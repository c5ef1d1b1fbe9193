// The key the e2e server signs links with (playwright.config.ts): for the test run only, never a
// deployment's. Specs sign their own links with it to test expired and unknown-kind links.
export const E2E_AUTH_SECRET = 'e2e-only-not-a-secret-8c1f0a6d2b7e4e59';
