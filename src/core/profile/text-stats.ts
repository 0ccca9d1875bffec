// Lengths, character classes and near-duplicate categories of a coded column, from its dictionary and per-code counts.

import { CharacterTally } from './character-classes.ts';
import { dirtyCategories } from './dirty-categories.ts';
import { histogramEdges, sortedHistogram } from './histogram.ts';
import { median } from './sorted-values.ts';
import type { TextStats } from './types.ts';

const SHORT_LENGTHS = 1024;

/**
 * Every present value counts as often as it occurs (counts[code]), but each dictionary entry is measured
 * once, so the cost follows the dictionary, not the rows. Lengths are in UTF-16 code units (JavaScript's
 * length); the median is NumPy's (mean of the two middle lengths for an even count); the histogram has
 * one bin per length when lengths span at most 50 values.
 */
export function textStats(dictionary: string[], counts: ArrayLike<number>): TextStats {
  const characters = new CharacterTally();
  // Occurrences per length: an array for the usual short lengths, a map beyond.
  const short = new Float64Array(SHORT_LENGTHS);
  const long = new Map<number, number>();
  let total = 0;
  let lengthSum = 0;
  for (let code = 0; code < dictionary.length; code++) {
    const c = counts[code];
    if (!(c > 0)) continue;
    const text = dictionary[code];
    const len = text.length;
    if (len < SHORT_LENGTHS) short[len] += c;
    else long.set(len, (long.get(len) ?? 0) + c);
    total += c;
    lengthSum += len * c;
    characters.add(text, c);
  }
  const present: number[] = [];
  for (let len = 0; len < SHORT_LENGTHS; len++) if (short[len] > 0) present.push(len);
  present.push(...[...long.keys()].sort((a, b) => a - b));
  const lengths = Float64Array.from(present);
  const lengthCounts = Int32Array.from(present, (len) => (len < SHORT_LENGTHS ? short[len] : (long.get(len) as number)));
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
    characters: characters.counts(),
    dirty: dirtyCategories(dictionary, counts),
  };
}
