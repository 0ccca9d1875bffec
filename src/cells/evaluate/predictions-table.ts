// The Evaluate cell's predictions: one page of the table (worst errors first) and the whole set as CSV.
import type { Predictions } from './build-evaluation';
import { fmt } from '../../app/format';

export const PAGE_SIZE = 50;

export interface PredictionLine {
  /** 1-based rank by error. */
  rank: number;
  /** 1-based table row, as the Data cell numbers rows. */
  row: number;
  actual: string;
  predicted: string;
  /** Probability given to the true class (classification with probabilities). */
  pActual?: number;
  error: number;
  wrong: boolean;
}

/** Page `page` (0-based) of the predictions, worst error first. */
export function predictionPage(p: Predictions, classes: string[] | undefined, page: number, size = PAGE_SIZE): PredictionLine[] {
  const out: PredictionLine[] = [];
  const n = p.order.length;
  const label = (v: number) => (classes ? (classes[v] ?? String(v)) : fmt(v));
  for (let j = page * size; j < Math.min(n, (page + 1) * size); j++) {
    const i = p.order[j];
    const line: PredictionLine = {
      rank: j + 1,
      row: p.rows[i] + 1,
      actual: label(p.actual[i]),
      predicted: label(p.predicted[i]),
      error: p.error[i],
      wrong: classes ? p.actual[i] !== p.predicted[i] : false,
    };
    if (classes && p.probs) line.pActual = p.probs[i * p.width + p.actual[i]];
    out.push(line);
  }
  return out;
}

/**
 * Every test row in table order: row (1-based), actual, predicted, then one probability column per class
 * (classification) or the residual (regression). Numbers are written in full so the file reproduces the metrics.
 */
export function predictionsCsv(p: Predictions, classes: string[] | undefined): string {
  const quote = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  const header = ['row', 'actual', 'predicted'];
  if (classes && p.probs) header.push(...classes.map((c) => quote(`p_${c}`)));
  if (!classes) header.push('residual');
  const lines = [header.join(',')];
  const byRow = Int32Array.from(p.rows.keys()).sort((a, b) => p.rows[a] - p.rows[b]);
  for (const i of byRow) {
    const cells = [String(p.rows[i] + 1)];
    if (classes) {
      cells.push(quote(classes[p.actual[i]]), quote(classes[p.predicted[i]]));
      if (p.probs) for (let c = 0; c < p.width; c++) cells.push(String(p.probs[i * p.width + c]));
    } else {
      cells.push(String(p.actual[i]), String(p.predicted[i]), String(p.actual[i] - p.predicted[i]));
    }
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}
