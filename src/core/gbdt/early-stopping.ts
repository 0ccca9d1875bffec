// When to stop adding trees: scikit-learn's rule on a history of losses (lower is better).

/**
 * Stop when none of the last nIterNoChange losses improved by more than tol on the loss nIterNoChange + 1
 * entries back. `losses[0]` is the loss before the first tree, as in scikit-learn's validation_score_.
 */
export function shouldStop(losses: readonly number[], nIterNoChange: number, tol: number): boolean {
  const reference = nIterNoChange + 1;
  if (losses.length < reference) return false;
  // scikit-learn compares scores (−loss) with "score > reference score + tol".
  const referenceScore = -losses[losses.length - reference] + tol;
  for (let i = losses.length - reference + 1; i < losses.length; i++) {
    if (-losses[i] > referenceScore) return false;
  }
  return true;
}
