// The operator's details from this process's environment, read once (src/lib/server/operator.ts).
import { dev } from '$app/environment';
import { env } from '$env/dynamic/private';
import { readOperator, type Operator } from './operator.ts';

let cached: Operator | undefined;

/** Throws in a production build without the required OPERATOR_* variables (init calls it). */
export function operator(): Operator {
	cached ??= readOperator(env, { production: !dev });
	return cached;
}
