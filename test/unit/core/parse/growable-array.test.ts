import { describe, expect, it, vi } from 'vitest';
import { Float64Blocks, Int32Blocks } from '../../../../src/core/parse/growable-array.ts';

describe('Float64Blocks and Int32Blocks', () => {
  it('keep every value across block boundaries and end as exact-length arrays', () => {
    const n = 200_003; // three full 64 Ki blocks and a partial one
    const f = new Float64Blocks();
    const i32 = new Int32Blocks();
    for (let k = 0; k < n; k++) {
      if (k % 2 === 0) f.push(k / 2);
      else {
        const block = f.reserve();
        block[f.used] = -k;
        f.commit();
      }
      i32.push(k - 7);
    }
    expect(f.length).toBe(n);
    expect(i32.get(65_536)).toBe(65_536 - 7);
    const values = f.take();
    const codes = i32.take();
    expect(values.length).toBe(n);
    expect(codes.length).toBe(n);
    expect(values.buffer.byteLength).toBe(n * 8);
    let bad = 0;
    for (let k = 0; k < n; k++) {
      if (values[k] !== (k % 2 === 0 ? k / 2 : -k)) bad++;
      if (codes[k] !== k - 7) bad++;
    }
    expect(bad).toBe(0);
    expect(f.length).toBe(0);
    expect(f.take().length).toBe(0);
  });
});

describe('handing blocks over and appending them', () => {
  it('takeBlocks gives the values in order without copying, and append puts blocks after the pushed values', () => {
    const part = new Float64Blocks();
    const codes = new Int32Blocks();
    for (let k = 0; k < 70_000; k++) {
      part.push(k);
      codes.push(-k);
    }
    const blocks = part.takeBlocks();
    const codeBlocks = codes.takeBlocks();
    expect(blocks.map((b) => b.length)).toEqual([65_536, 70_000 - 65_536]);
    expect(codeBlocks.map((b) => b.length)).toEqual([65_536, 70_000 - 65_536]);
    expect(part.length).toBe(0);

    const head = new Float64Blocks();
    const headCodes = new Int32Blocks();
    for (let k = 0; k < 3; k++) {
      head.push(100 + k);
      headCodes.push(100 + k);
    }
    for (const b of blocks) head.append(b);
    for (const b of codeBlocks) headCodes.append(b);
    expect(head.length).toBe(70_003);
    const values = head.take();
    const all = headCodes.take();
    expect(Array.from(values.subarray(0, 5))).toEqual([100, 101, 102, 0, 1]);
    expect(values[70_002]).toBe(69_999);
    expect(Array.from(all.subarray(0, 5))).toEqual([100, 101, 102, 0, -1]);
    expect(all[70_002]).toBe(-69_999);
    expect(() => head.push(1)).not.toThrow();
  });

  it('refuses a push after an append, which would put values out of order', () => {
    const f = new Float64Blocks();
    f.append(Float64Array.from([1, 2]));
    expect(() => f.push(3)).toThrow();
    const i = new Int32Blocks();
    i.append(Int32Array.from([1, 2]));
    expect(() => i.push(3)).toThrow();
  });
});

describe('releasing blocks', () => {
  it('detaches each block with ArrayBuffer.prototype.transfer(0) as soon as it is copied, where it exists', async () => {
    const proto = ArrayBuffer.prototype as { transfer?: (this: ArrayBuffer, length?: number) => ArrayBuffer };
    const original = proto.transfer;
    const released: number[] = [];
    // A stand-in where the engine lacks it (Node 20): records the calls instead of detaching.
    proto.transfer = function (this: ArrayBuffer, length?: number): ArrayBuffer {
      released.push(this.byteLength, length ?? -1);
      return new ArrayBuffer(0);
    };
    try {
      vi.resetModules();
      const fresh = await import('../../../../src/core/parse/growable-array.ts');
      const f = new fresh.Float64Blocks();
      for (let k = 0; k < 70_000; k++) f.push(k);
      const values = f.take();
      expect(values.length).toBe(70_000);
      expect(values[69_999]).toBe(69_999);
      // Two 64 Ki blocks of 8 bytes, each released with length 0.
      expect(released).toEqual([524_288, 0, 524_288, 0]);
    } finally {
      if (original) proto.transfer = original;
      else delete proto.transfer;
      vi.resetModules();
    }
  });
});
