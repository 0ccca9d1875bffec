// One regression tree as flat arrays (plain JSON), and how a row finds its leaf.

/**
 * Node 0 is the root; nodes are in depth-first order (a node, its left subtree, its right subtree), as
 * scikit-learn's predictor lays them out. At an internal node a present value x goes left when
 * x ≤ threshold; a missing value (NaN) goes left when missingLeft. Leaves have feature −1.
 */
export interface GbdtTree {
  feature: number[];
  /** In raw feature units. A split of present against missing values has Number.MAX_VALUE (JSON has no Infinity). */
  threshold: number[];
  missingLeft: boolean[];
  /** Child node indices; −1 at leaves. */
  left: number[];
  right: number[];
  /** What a leaf adds to the raw score (learning rate applied); 0 at internal nodes. */
  value: number[];
  /** Training rows that reached the node. */
  count: number[];
  /** The split's loss reduction; 0 at leaves. */
  gain: number[];
}

/** The leaf a row reaches; `x(f)` reads the row's feature f. */
export function leafOf(tree: GbdtTree, x: (feature: number) => number): number {
  let node = 0;
  while (tree.feature[node] >= 0) {
    const v = x(tree.feature[node]);
    const goLeft = v !== v ? tree.missingLeft[node] : v <= tree.threshold[node];
    node = goLeft ? tree.left[node] : tree.right[node];
  }
  return node;
}
