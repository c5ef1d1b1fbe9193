// The operator read from the process environment (src/lib/server/operator-env.ts): in development
// the demo details, in a production build the variables or a refusal to start; read once.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_OPERATOR } from '../../../src/lib/server/operator.ts';

const load = async (dev: boolean, env: Record<string, string | undefined>) => {
	vi.resetModules();
	vi.doMock('$app/environment', () => ({ dev, browser: false, building: false }));
	vi.doMock('$env/dynamic/private', () => ({ env }));
	return (await import('../../../src/lib/server/operator-env.ts')).operator;
};

afterEach(() => {
	vi.doUnmock('$app/environment');
	vi.doUnmock('$env/dynamic/private');
	vi.resetModules();
});

describe('the operator from the environment', () => {
	it('development without variables: the demo details', async () => {
		const operator = await load(true, {});
		expect(operator()).toMatchObject({ demo: true, name: DEMO_OPERATOR.OPERATOR_NAME });
	});

	it('a production build without variables refuses, unless OPERATOR_DEMO=1', async () => {
		const operator = await load(false, {});
		expect(() => operator()).toThrow(/Operator details missing or invalid: OPERATOR_NAME/);
		const demo = await load(false, { OPERATOR_DEMO: '1' });
		expect(demo()).toMatchObject({ demo: true });
	});

	it('reads the variables once: later changes do not show', async () => {
		const env: Record<string, string | undefined> = { OPERATOR_DEMO: '1' };
		const operator = await load(false, env);
		const first = operator();
		env.OPERATOR_DEMO = undefined;
		expect(operator()).toBe(first);
	});
});
