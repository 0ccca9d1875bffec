// Every cell kind, by name. Adding a kind means adding it here and nowhere else.
import type { AnyCellKind } from './types';
import type { CellContract } from '../notebook/graph';
import { dataCell } from './data';
import { profileCell } from './profile';
import { prepareCell } from './prepare';
import { frameCell } from './frame';
import { splitCell } from './split';
import { trainCell } from './train';
import { evaluateCell } from './evaluate';
import { exportCell } from './export';
import { deployCell } from './deploy';
import { noteCell } from './note';
import { qualityCell } from './quality';
import { codeCell } from './code';
import { driftCell } from './drift';

export const CELL_KINDS: AnyCellKind[] = [noteCell, dataCell, profileCell, prepareCell, qualityCell, driftCell, codeCell, frameCell, splitCell, trainCell, evaluateCell, exportCell, deployCell];

const byKind = new Map(CELL_KINDS.map((k) => [k.kind, k]));

export function cellKind(kind: string): AnyCellKind {
  const k = byKind.get(kind);
  if (!k) throw new Error(`Unknown cell kind: ${kind}`);
  return k;
}

export function contractOf(kind: string): CellContract {
  return cellKind(kind);
}
