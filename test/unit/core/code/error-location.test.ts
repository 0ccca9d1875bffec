import { describe, expect, it } from 'vitest';
import { CODE_SOURCE_NAME, locateError, userStack } from '../../../../src/core/code/error-location.ts';

// Stacks as V8 (Chromium) and Firefox print them for code compiled with `//# sourceURL=lathe-code-cell.js`:
// V8's Function wrapper puts two lines before the body.
const V8 = [
  "TypeError: Cannot read properties of null (reading 'x')",
  `    at helper (${CODE_SOURCE_NAME}:7:12)`,
  `    at eval (${CODE_SOURCE_NAME}:4:3)`,
  '    at run (blob:null/0d3c-4e1f:1:2345)',
].join('\n');
const FIREFOX = [`helper@${CODE_SOURCE_NAME}:7:12`, `@${CODE_SOURCE_NAME}:4:3`, 'run@blob:null/0d3c:1:2345'].join('\n');

describe('locateError', () => {
  it('finds the innermost frame of the user’s code, in the code’s own line numbers', () => {
    expect(locateError(V8, 2)).toEqual({ line: 5, column: 12 });
    expect(locateError(FIREFOX, 2)).toEqual({ line: 5, column: 12 });
  });

  it('skips frames that fall before the code (the wrapper’s own lines)', () => {
    const stack = `Error\n    at x (${CODE_SOURCE_NAME}:1:1)\n    at y (${CODE_SOURCE_NAME}:3:9)`;
    expect(locateError(stack, 2)).toEqual({ line: 1, column: 9 });
  });

  it('finds nothing in a stack without the code’s frames, or without a stack', () => {
    expect(locateError('Error: x\n    at run (blob:null/1:1:1)', 2)).toBeUndefined();
    expect(locateError(undefined, 2)).toBeUndefined();
  });

  it('does not take another file whose name contains the source’s for it', () => {
    expect(locateError(`Error\n    at f (my-${CODE_SOURCE_NAME}:9:1)`, 0)).toBeUndefined();
    expect(locateError('Error\n    at f (lathe-code-cellXjs:9:1)', 0)).toBeUndefined();
    expect(locateError(`Error\n    at ${CODE_SOURCE_NAME}:9:1`, 0)).toEqual({ line: 9, column: 1 });
  });
});

describe('userStack', () => {
  it('keeps the message and the user’s frames, renumbered, and drops the sandbox’s', () => {
    expect(userStack(V8, 2)).toBe(["TypeError: Cannot read properties of null (reading 'x')", '    at helper (line 5:12)', '    at eval (line 2:3)'].join('\n'));
  });
});
