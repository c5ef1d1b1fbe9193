import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** Six digits, uniformly drawn. */
export function newCode(): string {
	return randomInt(0, 1_000_000).toString().padStart(6, '0');
}

/** Keyed, so a leaked table does not give the codes away by trying all million. */
export function hashCode(secret: string, email: string, code: string): string {
	return createHmac('sha256', secret).update(`${email}\n${code}`).digest('hex');
}

export function sameHash(a: string, b: string): boolean {
	const x = Buffer.from(a, 'hex');
	const y = Buffer.from(b, 'hex');
	return x.length === y.length && timingSafeEqual(x, y);
}

/** 256 random bits: the session cookie's value. */
export function newSessionToken(): string {
	return randomBytes(32).toString('base64url');
}

export function hashSessionToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

export const SESSION_TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
