// The app's icons, drawn and PNG-encoded in plain JavaScript (node:zlib only, no native addons):
// a white clock on the brand green — hours given. `node scripts/make-icons.ts` writes them to
// static/icons/; tests/unit/pwa/icons.test.ts checks the files are what this code draws.
import { deflateSync } from 'node:zlib';

/** The brand green of the header and the manifest's theme colour (#0b5c4a). */
export const BRAND: readonly [number, number, number] = [0x0b, 0x5c, 0x4a];

export type IconSpec = {
	file: string;
	size: number;
	/** Maskable: the green fills the square and the clock keeps inside the 80 % safe zone. */
	maskable: boolean;
};

export const ICONS: readonly IconSpec[] = [
	{ file: 'icon-192.png', size: 192, maskable: false },
	{ file: 'icon-512.png', size: 512, maskable: false },
	{ file: 'icon-maskable-512.png', size: 512, maskable: true },
	// iOS ignores the manifest's icons and wants an opaque square.
	{ file: 'apple-touch-icon.png', size: 180, maskable: true }
];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

export function crc32(bytes: Uint8Array): number {
	let c = 0xffffffff;
	for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(data.length, 0);
	head.write(type, 4, 'latin1');
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
	return Buffer.concat([head, data, crc]);
}

/** An 8-bit RGBA PNG (colour type 6), every row with filter 0. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
	if (rgba.length !== width * height * 4) throw new Error('rgba has the wrong length');
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr.set([8, 6, 0, 0, 0], 8); // bit depth, colour type RGBA, compression, filter, interlace
	const raw = Buffer.alloc((width * 4 + 1) * height);
	for (let y = 0; y < height; y++) {
		raw[y * (width * 4 + 1)] = 0;
		raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
	}
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('IDAT', deflateSync(raw, { level: 9 })),
		chunk('IEND', new Uint8Array(0))
	]);
}

/** Distance from p to the segment a–b (for the clock's hands, drawn with round ends). */
function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number) {
	const dx = bx - ax;
	const dy = by - ay;
	const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
	return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** In the rounded square of the "any" icon (corner radius 22 % of the side)? */
function inRoundedSquare(x: number, y: number): boolean {
	const r = 0.22;
	const cx = Math.min(Math.max(x, r), 1 - r);
	const cy = Math.min(Math.max(y, r), 1 - r);
	return Math.hypot(x - cx, y - cy) <= r;
}

/** The clock in unit coordinates around (0.5, 0.5): a ring and two hands at four o'clock. */
function inClock(x: number, y: number, scale: number): boolean {
	const u = (x - 0.5) / scale;
	const v = (y - 0.5) / scale;
	const ring = Math.abs(Math.hypot(u, v) - 0.3) <= 0.035;
	const minute = segmentDistance(u, v, 0, 0, 0, -0.2) <= 0.032;
	const hour = segmentDistance(u, v, 0, 0, 0.13, 0.075) <= 0.032;
	return ring || minute || hour;
}

/** RGBA pixels of one icon, 4×4 samples a pixel so the edges are smooth. */
export function drawIcon(size: number, maskable: boolean): Uint8Array {
	const samples = 4;
	const pixels = new Uint8Array(size * size * 4);
	// The maskable icon is cropped to a circle of 80 % of the side by some launchers.
	const scale = maskable ? 0.8 : 1;
	for (let py = 0; py < size; py++) {
		for (let px = 0; px < size; px++) {
			let cover = 0; // samples inside the icon's shape
			let white = 0; // samples on the clock
			for (let sy = 0; sy < samples; sy++) {
				for (let sx = 0; sx < samples; sx++) {
					const x = (px + (sx + 0.5) / samples) / size;
					const y = (py + (sy + 0.5) / samples) / size;
					if (!maskable && !inRoundedSquare(x, y)) continue;
					cover++;
					if (inClock(x, y, scale)) white++;
				}
			}
			const n = samples * samples;
			const i = (py * size + px) * 4;
			if (cover === 0) continue; // transparent
			const w = white / cover;
			for (let c = 0; c < 3; c++) pixels[i + c] = Math.round(BRAND[c]! * (1 - w) + 255 * w);
			pixels[i + 3] = Math.round((255 * cover) / n);
		}
	}
	return pixels;
}

/** The PNG file of one icon. */
export function iconPng(spec: IconSpec): Buffer {
	return encodePng(spec.size, spec.size, drawIcon(spec.size, spec.maskable));
}
