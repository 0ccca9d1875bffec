// The notebook of the bundled sample project: every step on the Palmer penguins data.
import type { CellRecord } from '../notebook/graph';
import { cellKind } from '../cells/registry';
import { newId } from '../store/projects';

function cell(kind: string, config?: unknown, title?: string): CellRecord {
  const def = cellKind(kind);
  return { id: newId(), kind, title: title ?? def.title, config: config ?? def.defaultConfig() };
}

export const SAMPLE_NAME = 'Penguin species';

export function sampleCells(): CellRecord[] {
  return [
    cell(
      'note',
      {
        text:
          '# Which penguin is it?\n\nPredict the **species** of a penguin (Adélie, Chinstrap or Gentoo) from its island, ' +
          'beak, flipper and body measurements. Data: the Palmer penguins (CC0), 344 birds.\n\n' +
          'Run every cell with **Run stale**, or step through them with <kbd>Shift</kbd>+<kbd>Enter</kbd>.',
      },
      'About this project',
    ),
    cell('data', { source: 'sample', name: 'penguins.csv' }),
    cell('profile'),
    cell('frame', { target: 'Species', task: 'auto' }),
    cell('split'),
    cell('train'),
    cell('evaluate'),
    cell('export', { fileName: 'penguin-species.zip' }),
  ];
}

export function blankCells(): CellRecord[] {
  return [cell('data'), cell('profile'), cell('frame'), cell('split'), cell('train'), cell('evaluate'), cell('export')];
}
