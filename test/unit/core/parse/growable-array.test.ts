import { describe, expect, it } from 'vitest';
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
