// Data-worker functions for the code cell(s), spread into the data worker's API (workers/data.worker.ts).
import * as Comlink from 'comlink';
import { guard } from './guard';
import { remember, tableFor } from './tables';
import { headRows, tableBuffers, type ColumnType, type Table } from '../src/core/table/table';
import { validateTable } from '../src/core/code/validate-table';
import { tableBytes, writeDataset, type DatasetInfo } from '../src/store/datasets';

/** What a code cell shows of the table it produced (the rest of a DatasetOutput comes from the cell). */
export interface StoredTableSummary {
  rows: number;
  columns: { name: string; type: ColumnType }[];
  head: (string | null)[][];
  bytes: number;
}

/** A copy of a table with fresh buffers (which can be transferred), without load-time notes. */
function copyTable(table: Table): Table {
  return {
    rowCount: table.rowCount,
    columns: table.columns.map((c) =>
      c.kind === 'numeric'
        ? { kind: 'numeric', name: c.name, type: c.type, values: c.values.slice() }
        : { kind: 'coded', name: c.name, type: c.type, codes: c.codes.slice(), dictionary: c.dictionary },
    ),
  };
}

export const codeApi = {
  /**
   * The dataset's table for a code cell. The buffers of a copy are transferred, so the table kept here for
   * the next cells stays whole.
   */
  async exportTable(datasetId: string) {
    const result = await guard(async () => copyTable(await tableFor(datasetId)));
    return result.ok ? Comlink.transfer(result, tableBuffers(result.value)) : result;
  },

  /**
   * Stores a code cell's result as a new dataset and keeps it here for the cells below. The table comes
   * from user code, so it is checked first (validateTable): a malformed one is refused and nothing is written.
   */
  storeTable(info: DatasetInfo, table: Table) {
    return guard(async (): Promise<StoredTableSummary> => {
      const checked = validateTable(table);
      await writeDataset(info, checked);
      remember(info.id, checked);
      return {
        rows: checked.rowCount,
        columns: checked.columns.map((c) => ({ name: c.name, type: c.type })),
        head: headRows(checked, 10),
        bytes: tableBytes(checked),
      };
    });
  },
};
