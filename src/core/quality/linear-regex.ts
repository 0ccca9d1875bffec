// A regular-expression search in time linear in the text (a Pike VM over a compiled program, as RE2 does),
// so a user's pattern such as (a+)+$ cannot stall a worker the way a backtracking engine would.

import { parseRegex, RegexSyntaxError, type CharSet, type RegexNode } from './regex-syntax.ts';

export { RegexSyntaxError };

/** Programs above this many instructions are refused (a pattern such as (a{1000}){1000} would be huge). */
export const MAX_PROGRAM = 20_000;

const CHAR = 0;
const SPLIT = 1;
const JMP = 2;
const ASSERT = 3;
const MATCH = 4;

type Instruction =
  | { op: typeof CHAR; test: (c: number) => boolean }
  | { op: typeof SPLIT; x: number; y: number }
  | { op: typeof JMP; x: number }
  | { op: typeof ASSERT; kind: 'start' | 'end' | 'word' | 'notword' }
  | { op: typeof MATCH };

export interface LinearRegex {
  /** True when the pattern matches somewhere in the text (a search, like RegExp.prototype.test). */
  test(text: string): boolean;
}

/** Compiles a pattern; throws RegexSyntaxError saying what is wrong and at which position. */
export function compileRegex(pattern: string): LinearRegex {
  const { node, ignoreCase } = parseRegex(pattern);
  const program: Instruction[] = [];
  emit(node, program, ignoreCase);
  program.push({ op: MATCH });
  return makeMatcher(program);
}

function emit(node: RegexNode, out: Instruction[], ignoreCase: boolean): void {
  if (out.length > MAX_PROGRAM) throw new RegexSyntaxError(`the pattern is too large to check quickly (over ${MAX_PROGRAM.toLocaleString('en-US')} steps)`);
  switch (node.t) {
    case 'char':
      out.push({ op: CHAR, test: charTest(node.set, ignoreCase) });
      return;
    case 'assert':
      out.push({ op: ASSERT, kind: node.kind });
      return;
    case 'seq':
      for (const item of node.items) emit(item, out, ignoreCase);
      return;
    case 'alt': {
      // SPLIT L1, next; L1: a; JMP end; next: SPLIT L2, … ; last option falls through.
      const jumps: { op: typeof JMP; x: number }[] = [];
      node.options.forEach((option, k) => {
        if (k < node.options.length - 1) {
          const split = { op: SPLIT, x: out.length + 1, y: 0 } as { op: typeof SPLIT; x: number; y: number };
          out.push(split);
          emit(option, out, ignoreCase);
          const jump = { op: JMP, x: 0 } as { op: typeof JMP; x: number };
          out.push(jump);
          jumps.push(jump);
          split.y = out.length;
        } else {
          emit(option, out, ignoreCase);
        }
      });
      for (const j of jumps) j.x = out.length;
      return;
    }
    case 'repeat': {
      for (let k = 0; k < node.min; k++) emit(node.node, out, ignoreCase);
      if (node.max === Infinity) {
        const split = { op: SPLIT, x: out.length + 1, y: 0 } as { op: typeof SPLIT; x: number; y: number };
        const loop = out.length;
        out.push(split);
        emit(node.node, out, ignoreCase);
        out.push({ op: JMP, x: loop });
        split.y = out.length;
      } else {
        // Optional copies nested so that each may match only when the one before it did.
        const splits: { op: typeof SPLIT; x: number; y: number }[] = [];
        for (let k = node.min; k < node.max; k++) {
          const split = { op: SPLIT, x: out.length + 1, y: 0 } as { op: typeof SPLIT; x: number; y: number };
          out.push(split);
          splits.push(split);
          emit(node.node, out, ignoreCase);
        }
        for (const s of splits) s.y = out.length;
      }
      return;
    }
  }
}

function inSet(set: CharSet, c: number): boolean {
  let hit = false;
  for (const item of set.items) {
    if ('items' in item ? inSet(item, c) : c >= item[0] && c <= item[1]) {
      hit = true;
      break;
    }
  }
  return hit !== set.negate;
}

function charTest(set: CharSet, ignoreCase: boolean): (c: number) => boolean {
  if (!ignoreCase) {
    const only = set.items.length === 1 && !set.negate && !('items' in set.items[0]) ? set.items[0] : undefined;
    if (only && only[0] === only[1]) {
      const want = only[0];
      return (c) => c === want;
    }
    return (c) => inSet(set, c);
  }
  return (c) => {
    if (inSet(set, c)) return true;
    const ch = String.fromCharCode(c);
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    return (lower.length === 1 && inSet(set, lower.charCodeAt(0))) || (upper.length === 1 && inSet(set, upper.charCodeAt(0)));
  };
}

const isWord = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || c === 95 || (c >= 97 && c <= 122);

const ASSERT_KINDS = ['start', 'end', 'word', 'notword'] as const;

function makeMatcher(program: Instruction[]): LinearRegex {
  const size = program.length;
  // The program as flat arrays, and each CHAR's answer for ASCII precomputed: the loop below runs once per
  // thread per character, and this keeps it to array reads.
  const ops = new Int8Array(size);
  const xs = new Int32Array(size);
  const ys = new Int32Array(size);
  const ascii = new Uint8Array(size * 128);
  const tests: ((c: number) => boolean)[] = new Array(size);
  program.forEach((ins, pc) => {
    ops[pc] = ins.op;
    if (ins.op === SPLIT) {
      xs[pc] = ins.x;
      ys[pc] = ins.y;
    } else if (ins.op === JMP) xs[pc] = ins.x;
    else if (ins.op === ASSERT) xs[pc] = ASSERT_KINDS.indexOf(ins.kind);
    else if (ins.op === CHAR) {
      tests[pc] = ins.test;
      for (let c = 0; c < 128; c++) ascii[pc * 128 + c] = ins.test(c) ? 1 : 0;
    }
  });
  // Thread lists as program-counter arrays; `mark` stamps a pc as added at the current step.
  let current = new Int32Array(size);
  let next = new Int32Array(size);
  const mark = new Int32Array(size);
  const stack = new Int32Array(size * 2 + 2);
  let stamp = 0;
  // A search is anchored when every way through the program starts with ^.
  const anchored = ops[0] === ASSERT && xs[0] === 0;

  let text = '';
  let n = 0;
  let matched = false;

  /** Adds pc and everything reachable from it without reading a character, at position i. */
  const add = (list: Int32Array, count: number, pc0: number, i: number): number => {
    let top = 0;
    stack[top++] = pc0;
    while (top > 0) {
      const pc = stack[--top];
      if (mark[pc] === stamp) continue;
      mark[pc] = stamp;
      const op = ops[pc];
      if (op === CHAR) list[count++] = pc;
      else if (op === JMP) stack[top++] = xs[pc];
      else if (op === SPLIT) {
        stack[top++] = ys[pc];
        stack[top++] = xs[pc];
      } else if (op === ASSERT) {
        const kind = xs[pc];
        let holds: boolean;
        if (kind === 0) holds = i === 0;
        else if (kind === 1) holds = i === n;
        else {
          const before = i > 0 && isWord(text.charCodeAt(i - 1));
          const after = i < n && isWord(text.charCodeAt(i));
          holds = (before !== after) === (kind === 2);
        }
        if (holds) stack[top++] = pc + 1;
      } else matched = true;
    }
    return count;
  };

  return {
    test(input: string): boolean {
      text = input;
      n = input.length;
      matched = false;
      // Stamps grow by one a character; start again before they could overflow.
      if (stamp > 0x7fffffff - n - 2) {
        mark.fill(0);
        stamp = 0;
      }
      stamp++;
      let currentCount = add(current, 0, 0, 0);
      if (matched) return true;
      for (let i = 0; i < n; i++) {
        const c = input.charCodeAt(i);
        stamp++;
        let nextCount = 0;
        for (let k = 0; k < currentCount; k++) {
          const pc = current[k];
          if (c < 128 ? ascii[pc * 128 + c] === 1 : tests[pc](c)) {
            nextCount = add(next, nextCount, pc + 1, i + 1);
            if (matched) return true;
          }
        }
        // An unanchored search also starts afresh at every position.
        if (!anchored) {
          nextCount = add(next, nextCount, 0, i + 1);
          if (matched) return true;
        } else if (nextCount === 0) return false;
        const swap = current;
        current = next;
        next = swap;
        currentCount = nextCount;
      }
      return false;
    },
  };
}
