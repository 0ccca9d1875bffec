// The content of a .lathe project file (format version 1): a project bundle with what wrote it and when.
import type { ProjectBundle } from '../store/project-io';

/** Bumped when the document's shape changes; migrate.ts turns every older version into this one. */
export const LATHE_FORMAT_VERSION = 1;

/** The JSON entry of the zip; binary parts are entries under bin/ (value-codec.ts). */
export const DOCUMENT_ENTRY = 'lathe.json';
export const PART_PREFIX = 'bin/';

export interface LatheDocument extends ProjectBundle {
  format: 'lathe';
  version: typeof LATHE_FORMAT_VERSION;
  /** The Lathe version that wrote the file. */
  app: string;
  /** When the file was written (ms since the epoch). */
  exportedAt: number;
  /**
   * Whether the data came along: datasets and files, and the rows some outputs quote (a Data cell's
   * first rows, a profile's samples). Without it the outputs are those of redact.ts.
   */
  includesData: boolean;
}
