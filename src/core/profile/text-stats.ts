// Lengths, character classes and near-duplicate categories of a coded column, from its dictionary and per-code counts.

import { addCharacters, emptyCounts } from './character-classes.ts';
import { dirtyCategories } from './dirty-categories.ts';
import { histogramEdges, sortedHistogram } from './histogram.ts';
import { median } from './sorted-values.ts';
import type { TextStats } from './types.ts';

/**
 * Every present value counts as often as it occurs (counts[code]), but each dictionary entry is measured
 * once, so the cost follows the dictionary, not the rows. Lengths are in UTF-16 code units (JavaScript's
 * length); the median is NumPy's (mean of the two middle lengths for an even count); the histogram has
 * one bin per length when lengths span at most 50 values.
 */
export function textStats(dictionary: string[], counts: ArrayLike<number>): TextStats {
  const characters = emptyCounts();
  const byLength = new Map<number, number>();
  let total = 0;
  let lengthSum = 0;
  for (let code = 0; code < dictionary.length; code++) {
    const c = counts[code];
    if (!(c > 0)) continue;
    const text = dictionary[code];
    const len = text.length;
    byLength.set(len, (byLength.get(len) ?? 0) + c);
    total += c;
    lengthSum += len * c;
    addCharacters(characters, text, c);
  }
  const lengths = Float64Array.from([...byLength.keys()].sort((a, b) => a - b));
  const lengthCounts = Int32Array.from(lengths, (len) => byLength.get(len) as number);
  const sorted = { values: lengths, counts: lengthCounts, total };
  const min = total > 0 ? lengths[0] : NaN;
  const max = total > 0 ? lengths[lengths.length - 1] : NaN;
  return {
    length: {
      min,
      mean: total > 0 ? lengthSum / total : NaN,
      median: median(sorted),
      max,
      histogram: total > 0 ? sortedHistogram(sorted, histogramEdges(min, max, { integer: true, distinct: lengths.length })) : [],
    },
    characters,
    dirty: dirtyCategories(dictionary, counts),
  };
}
