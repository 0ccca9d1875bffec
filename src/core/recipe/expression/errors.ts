// Errors in an expression the user typed: what was expected, and where (a character position in the text).

import { UserError } from '../../errors/user-error.ts';

export const EXPRESSION_ERROR = 'expression';

export class ExpressionError extends UserError {
  /** 0-based offset of the offending text in the expression. */
  readonly position: number;
  readonly length: number;
  constructor(message: string, position: number, length = 1, hint?: string) {
    super(`${message} (character ${position + 1})`, hint, { kind: EXPRESSION_ERROR, position, length });
    this.position = position;
    this.length = Math.max(1, length);
  }
}
