// Note cell: Markdown text, rendered sanitised.
import type { CellKind } from '../types';
import View from './View.svelte';

export interface NoteConfig {
  text: string;
}

export const noteCell: CellKind<NoteConfig, null> = {
  kind: 'note',
  version: 1,
  title: 'Note',
  step: null,
  icon: '¶',
  description: 'Markdown notes',
  needs: [],
  produces: null,
  passive: true,
  defaultConfig: () => ({ text: '' }),
  async run() {
    return { value: null };
  },
  summary: () => '',
  View,
};
