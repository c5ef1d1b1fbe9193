// The icon generator writes valid PNGs of the sizes the manifest names, and the committed files
// in static/icons/ hold exactly the pixels it draws (compared decoded: another zlib may pack the
// same pixels into other bytes).
import { readFile } from 'node:fs/promises';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BRAND, crc32, encodePng, ICONS, iconPng, type IconSpec } from '../../../scripts/icons.ts';

type Decoded = {
	width: number;
	height: number;
	raw: Buffer;
	pixel: (x: number, y: number) => number[];
};

/** A small reader for what encodePng writes: checks signature, every chunk's CRC and the filters. */
function decode(png: Buffer): Decoded {
	expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	let offset = 8;
	let width = 0;
	let height = 0;
	const idat: Buffer[] = [];
	const types: string[] = [];
	while (offset < png.length) {
		const length = png.readUInt32BE(offset);
		const type = png.toString('latin1', offset + 4, offset + 8);
		const data = png.subarray(offset + 8, offset + 8 + length);
		expect(png.readUInt32BE(offset + 8 + length), `CRC of ${type}`).toBe(
			crc32(png.subarray(offset + 4, offset + 8 + length))
		);
		types.push(type);
		if (type === 'IHDR') {
			width = data.readUInt32BE(0);
			height = data.readUInt32BE(4);
			expect([...data.subarray(8)]).toEqual([8, 6, 0, 0, 0]);
		}
		if (type === 'IDAT') idat.push(data);
		offset += 12 + length;
	}
	expect(types).toEqual(['IHDR', 'IDAT', 'IEND']);
	const raw = inflateSync(Buffer.concat(idat));
	expect(raw.length).toBe((width * 4 + 1) * height);
	for (let y = 0; y < height; y++) expect(raw[y * (width * 4 + 1)]).toBe(0);
	const pixel = (x: number, y: number) => {
		const i = y * (width * 4 + 1) + 1 + x * 4;
		return [...raw.subarray(i, i + 4)];
	};
	return { width, height, raw, pixel };
}

const drawn = new Map<IconSpec, Decoded>();
/** Each icon drawn once for all the tests (a 512 px icon takes about a second). */
const draw = (spec: IconSpec): Decoded => {
	if (!drawn.has(spec)) drawn.set(spec, decode(iconPng(spec)));
	return drawn.get(spec)!;
};

const green = [...BRAND, 255];
const white = [255, 255, 255, 255];

// Drawing a 512 px icon takes a second or two; on a busy machine more than the default 5 s.
describe('app icons', { timeout: 30_000 }, () => {
	it('encodes a tiny image pixel for pixel', () => {
		const rgba = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 1, 2, 3, 4]);
		const png = decode(encodePng(2, 2, rgba));
		expect([png.width, png.height]).toEqual([2, 2]);
		expect([png.pixel(0, 0), png.pixel(1, 0), png.pixel(0, 1), png.pixel(1, 1)]).toEqual([
			[255, 0, 0, 255],
			[0, 255, 0, 128],
			[0, 0, 255, 0],
			[1, 2, 3, 4]
		]);
		expect(() => encodePng(2, 2, new Uint8Array(15))).toThrow();
	});

	it('computes the standard CRC-32', () => {
		expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
	});

	for (const spec of ICONS) {
		it(`${spec.file}: ${spec.size}×${spec.size}, ${spec.maskable ? 'full bleed' : 'rounded corners'}, a white clock`, () => {
			const png = draw(spec);
			const last = spec.size - 1;
			expect([png.width, png.height]).toEqual([spec.size, spec.size]);
			// Corners: transparent on the rounded icon, green to the edge on the maskable one.
			expect(png.pixel(0, 0)).toEqual(spec.maskable ? green : [0, 0, 0, 0]);
			expect(png.pixel(last, last)).toEqual(spec.maskable ? green : [0, 0, 0, 0]);
			// The middle of an edge is green on both; the clock's centre is white.
			expect(png.pixel(Math.floor(spec.size / 2), 1)).toEqual(green);
			const middle = Math.floor(spec.size / 2);
			expect(png.pixel(middle, middle)).toEqual(white);
			// The maskable icon keeps everything white inside the safe zone (a circle of 40 % radius).
			if (spec.maskable) {
				for (let y = 0; y < spec.size; y += 3) {
					for (let x = 0; x < spec.size; x += 3) {
						const r = Math.hypot(x + 0.5 - spec.size / 2, y + 0.5 - spec.size / 2);
						if (r > spec.size * 0.4) expect(png.pixel(x, y)).toEqual(green);
					}
				}
			}
		});

		it(`static/icons/${spec.file} is what the generator draws`, async () => {
			const committed = await readFile(
				new URL(`../../../static/icons/${spec.file}`, import.meta.url)
			);
			const file = decode(committed);
			expect([file.width, file.height]).toEqual([spec.size, spec.size]);
			expect(file.raw.equals(draw(spec).raw)).toBe(true);
		});
	}
});
