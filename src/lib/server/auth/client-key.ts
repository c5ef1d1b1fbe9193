// The client a sign-in request comes from, for the limits counted per address and client: an IPv4
// address as it is, an IPv6 address by its /64 (one connection's prefix; its 2^64 addresses are one
// client), an IPv4-mapped IPv6 address as the IPv4 address. The database stores only a keyed hash.
import { createHmac } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

export function clientKey(ip: string): string {
	const address = ip.trim().toLowerCase().split('%')[0]!;
	// Stryker disable next-line ConditionalExpression: an IPv4 address is no IPv6 one either (next line)
	if (isIPv4(address)) return address;
	if (!isIPv6(address)) return address;
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
	if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
	// Stryker disable next-line StringLiteral: split always gives a first part ('' before a leading ::)
	const [head = '', tail] = address.split('::');
	const groups = (part: string) => (part ? part.split(':') : []);
	const toHex = (part: string) =>
		groups(part).flatMap((g) => {
			if (!g.includes('.')) return [g];
			const [a, b, c, d] = g.split('.').map(Number) as [number, number, number, number];
			return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
		});
	const front = toHex(head);
	// Without '::' all eight groups are in front: whatever stands behind, the first four are the same.
	// Stryker disable next-line ConditionalExpression,ArrayDeclaration: see above
	const back = tail === undefined ? [] : toHex(tail);
	const full =
		// Stryker disable next-line ConditionalExpression: see above
		tail === undefined
			? front
			: [...front, ...Array(8 - front.length - back.length).fill('0'), ...back];
	return `${full
		.slice(0, 4)
		.map((g) => parseInt(g, 16).toString(16))
		.join(':')}::/64`;
}

/** What the database stores for the client: never the address itself. */
export function clientHash(secret: string, ip: string): string {
	const key = createHmac('sha256', secret).update('zeitspende sign-in client').digest();
	return createHmac('sha256', key).update(clientKey(ip)).digest('hex');
}
