// Why a rule could not be checked (a missing column, a column of the wrong type): reported on that rule only.

export class RuleProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuleProblem';
  }
}
