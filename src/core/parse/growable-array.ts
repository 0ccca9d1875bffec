// Typed arrays that grow in fixed blocks while loading, then become one exact-length array.

/** Elements per block: 64 Ki, so a block is 256 KiB (Int32) or 512 KiB (Float64). */
const BLOCK_BITS = 16;
const BLOCK = 1 << BLOCK_BITS;
const LOW = BLOCK - 1;
const EMPTY_F64 = new Float64Array(0);
const EMPTY_I32 = new Int32Array(0);

// ArrayBuffer.prototype.transfer (ES2024; Chrome 114+, Node 21+) is not in the TypeScript lib this project targets.
const transfer = (ArrayBuffer.prototype as { transfer?: (this: ArrayBuffer, length?: number) => ArrayBuffer }).transfer;

/**
 * Frees a block's memory now: detaching a buffer releases it at once, where dropping it waits for the garbage
 * collector, which may not run before the next columns are copied. Where transfer() is missing (Node 20) the
 * block is only dropped.
 */
function release(buffer: ArrayBufferLike): void {
  if (transfer && buffer instanceof ArrayBuffer) transfer.call(buffer, 0);
}

/**
 * Growing by blocks never copies what is already stored, and at the end the blocks are copied once into an
 * array of the exact length, each block freed as soon as it is copied, so the peak is the data plus one block
 * (not 2.5× a column, as when a single array grows by 1.5× and is then trimmed).
 */
export class Float64Blocks {
  length = 0;
  private blocks: Float64Array[] = [];
  private current = new Float64Array(0);
  /** Values in the current block. */
  used = BLOCK;
  /** Whole arrays appended after the blocks (another worker's part of the column), kept as they are until take(). */
  private tails: Float64Array[] = [];
  private tailLength = 0;

  push(v: number): void {
    if (this.tailLength > 0) throw new Error('Float64Blocks.push after append');
    if (this.used === BLOCK) {
      this.current = new Float64Array(BLOCK);
      this.blocks.push(this.current);
      this.used = 0;
    }
    this.current[this.used++] = v;
    this.length++;
  }

  /**
   * Makes room for one value and returns the block to write it to, at index `used`; commit() then counts
   * it. Hot loops write there directly, so the number never travels through a call (where it would be boxed).
   */
  reserve(): Float64Array {
    if (this.tailLength > 0) throw new Error('Float64Blocks.reserve after append');
    if (this.used === BLOCK) {
      this.current = new Float64Array(BLOCK);
      this.blocks.push(this.current);
      this.used = 0;
    }
    return this.current;
  }

  commit(): void {
    this.used++;
    this.length++;
  }

  /** The values as the blocks they are in (the last one cut to its length), without copying; the builder is emptied. */
  takeBlocks(): Float64Array[] {
    const inBlocks = this.length - this.tailLength;
    const out = this.blocks.map((block, b) => (b * BLOCK + BLOCK <= inBlocks ? block : block.subarray(0, inBlocks - b * BLOCK)));
    out.push(...this.tails);
    this.blocks = [];
    this.tails = [];
    this.tailLength = 0;
    this.current = new Float64Array(0);
    this.used = BLOCK;
    this.length = 0;
    return out;
  }

  /** Adds `values` after everything stored, without copying them now; nothing can be pushed after. */
  append(values: Float64Array): void {
    this.tails.push(values);
    this.tailLength += values.length;
    this.length += values.length;
  }

  /** The values as one array; the builder is emptied. */
  take(): Float64Array {
    const out = new Float64Array(this.length);
    const inBlocks = this.length - this.tailLength;
    for (let b = 0; b < this.blocks.length; b++) {
      const block = this.blocks[b];
      const start = b * BLOCK;
      out.set(start + BLOCK <= inBlocks ? block : block.subarray(0, inBlocks - start), start);
      release(block.buffer);
      this.blocks[b] = EMPTY_F64;
    }
    let at = inBlocks;
    for (const tail of this.tails) {
      out.set(tail, at);
      at += tail.length;
      release(tail.buffer);
    }
    this.tails = [];
    this.tailLength = 0;
    this.blocks = [];
    this.current = new Float64Array(0);
    this.used = BLOCK;
    this.length = 0;
    return out;
  }
}

/** Int32Blocks is Float64Blocks for dictionary codes. */
export class Int32Blocks {
  length = 0;
  private blocks: Int32Array[] = [];
  private current = new Int32Array(0);
  private used = BLOCK;
  private tails: Int32Array[] = [];
  private tailLength = 0;

  push(v: number): void {
    if (this.tailLength > 0) throw new Error('Int32Blocks.push after append');
    if (this.used === BLOCK) {
      this.current = new Int32Array(BLOCK);
      this.blocks.push(this.current);
      this.used = 0;
    }
    this.current[this.used++] = v;
    this.length++;
  }

  /** A pushed value (not an appended one). */
  get(i: number): number {
    return this.blocks[i >>> BLOCK_BITS][i & LOW];
  }

  /** As Float64Blocks.takeBlocks. */
  takeBlocks(): Int32Array[] {
    const inBlocks = this.length - this.tailLength;
    const out = this.blocks.map((block, b) => (b * BLOCK + BLOCK <= inBlocks ? block : block.subarray(0, inBlocks - b * BLOCK)));
    out.push(...this.tails);
    this.blocks = [];
    this.tails = [];
    this.tailLength = 0;
    this.current = new Int32Array(0);
    this.used = BLOCK;
    this.length = 0;
    return out;
  }

  /** As Float64Blocks.append. */
  append(codes: Int32Array): void {
    this.tails.push(codes);
    this.tailLength += codes.length;
    this.length += codes.length;
  }

  take(): Int32Array {
    const out = new Int32Array(this.length);
    const inBlocks = this.length - this.tailLength;
    for (let b = 0; b < this.blocks.length; b++) {
      const block = this.blocks[b];
      const start = b * BLOCK;
      out.set(start + BLOCK <= inBlocks ? block : block.subarray(0, inBlocks - start), start);
      release(block.buffer);
      this.blocks[b] = EMPTY_I32;
    }
    let at = inBlocks;
    for (const tail of this.tails) {
      out.set(tail, at);
      at += tail.length;
      release(tail.buffer);
    }
    this.tails = [];
    this.tailLength = 0;
    this.blocks = [];
    this.current = new Int32Array(0);
    this.used = BLOCK;
    this.length = 0;
    return out;
  }
}
