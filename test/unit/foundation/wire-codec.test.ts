// Typed arrays cross the WebSocket as raw bytes and come back equal, aligned and of the same type.
import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage } from '../../../src/shared/wire-codec.ts';

describe('wire codec', () => {
  it('keeps plain messages as JSON text', () => {
    const m = { id: 3, ok: true, value: { name: 'samx', position: 1.5 } };
    const enc = encodeMessage(m);
    expect(typeof enc).toBe('string');
    expect(decodeMessage(enc)).toEqual(m);
  });

  it('sends typed arrays as bytes and restores them exactly, nested anywhere', () => {
    const frame = new Uint16Array(512 * 512).map((_, i) => (i * 7) & 0xffff);
    const spectrum = Float64Array.from({ length: 1024 }, (_, i) => Math.sin(i) * 1e3);
    const odd = new Uint8Array([1, 2, 3]);
    const m = { event: 'viewer.frames', payload: { frames: [{ det: 'eiger1', data: frame, t: 1.5 }], spectrum, odd, list: [odd, spectrum] } };
    const enc = encodeMessage(m);
    expect(enc).toBeInstanceOf(Uint8Array);
    expect((enc as Uint8Array).byteLength).toBeLessThan(frame.byteLength + 2 * spectrum.byteLength + 1000) // spectrum is sent twice;
    const dec = decodeMessage(enc) as typeof m;
    expect(dec.payload.frames[0]!.data).toBeInstanceOf(Uint16Array);
    expect(dec.payload.frames[0]!.data).toEqual(frame);
    expect(dec.payload.spectrum).toEqual(spectrum);
    expect(dec.payload.odd).toEqual(odd);
    expect(dec.payload.list[1]).toEqual(spectrum);
    expect(dec.payload.frames[0]!.t).toBe(1.5);
  });

  it('encodes a view into a larger buffer without its neighbours', () => {
    const big = new Float32Array([9, 1, 2, 3, 9]);
    const view = big.subarray(1, 4);
    const dec = decodeMessage(encodeMessage({ v: view })) as { v: Float32Array };
    expect(Array.from(dec.v)).toEqual([1, 2, 3]);
  });
});
