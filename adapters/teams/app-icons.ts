// The two icons Teams requires, drawn in code so that they are reproducible: a shield with a watch-eye.
// color: 192×192, full colour. outline: 32×32, white on transparent (Teams' rule for outline icons).

import type { RgbaImage } from './png.js';

const ACCENT = [0x0b, 0x5c, 0xad] as const;

/** Inside test for a shield whose top is flat and whose lower half narrows to a point; coordinates in 0..1. */
function inShield(x: number, y: number, inset = 0): boolean {
  const top = 0.12 + inset;
  const bottom = 0.9 - inset * 1.4;
  const shoulder = 0.5;
  const halfWidth = 0.34 - inset;
  if (y < top || y > bottom || halfWidth <= 0) return false;
  const dx = Math.abs(x - 0.5);
  if (y <= shoulder) return dx <= halfWidth;
  return dx <= halfWidth * (1 - (y - shoulder) / (bottom - shoulder));
}

/** An eye: the pupil and the almond outline of the lids. */
function inEye(x: number, y: number): { lid: boolean; pupil: boolean } {
  const cx = 0.5;
  const cy = 0.45;
  const dx = (x - cx) / 0.2;
  const dy = (y - cy) / 0.11;
  const almond = Math.abs(dy) <= 1 - dx * dx && Math.abs(dx) <= 1;
  const pupil = (x - cx) ** 2 + (y - cy) ** 2 <= 0.055 ** 2;
  return { lid: almond, pupil };
}

function draw(size: number, paint: (x: number, y: number) => readonly [number, number, number, number]): RgbaImage {
  const pixels = new Uint8Array(size * size * 4);
  // 4×4 supersampling keeps the diagonal edges smooth at 32 px.
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const [cr, cg, cb, ca] = paint((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          r += cr * ca;
          g += cg * ca;
          b += cb * ca;
          a += ca;
        }
      }
      const i = (py * size + px) * 4;
      const n = samples * samples;
      pixels[i + 3] = Math.round(a / n);
      if (a > 0) {
        pixels[i] = Math.round(r / a);
        pixels[i + 1] = Math.round(g / a);
        pixels[i + 2] = Math.round(b / a);
      }
    }
  }
  return { width: size, height: size, pixels };
}

export function drawColorIcon(size = 192): RgbaImage {
  return draw(size, (x, y) => {
    if (!inShield(x, y)) return [ACCENT[0], ACCENT[1], ACCENT[2], 255];
    const eye = inEye(x, y);
    if (eye.pupil) return [ACCENT[0], ACCENT[1], ACCENT[2], 255];
    if (eye.lid) return [0xff, 0xff, 0xff, 255];
    return inShield(x, y, 0.05) ? [0x16, 0x7f, 0xe0, 255] : [0xff, 0xff, 0xff, 255];
  });
}

export function drawOutlineIcon(size = 32): RgbaImage {
  return draw(size, (x, y) => {
    const border = inShield(x, y) && !inShield(x, y, 0.08);
    const eye = inEye(x, y);
    // Teams requires pure white on transparent: partial coverage is expressed through alpha only.
    return border || (eye.lid && !eye.pupil) ? [0xff, 0xff, 0xff, 255] : [0xff, 0xff, 0xff, 0];
  });
}
