// The code runs in progress, by cell: how the cell's Stop button (and a notebook-wide cancel) reaches a run.

const active = new Map<string, AbortController>();

/** Registers a run of a cell's code; the returned signal aborts when the run is stopped. */
export function beginRun(cellId: string): AbortController {
  active.get(cellId)?.abort();
  const controller = new AbortController();
  active.set(cellId, controller);
  return controller;
}

export function endRun(cellId: string, controller: AbortController): void {
  if (active.get(cellId) === controller) active.delete(cellId);
}

/** Stops a cell's running code (its sandbox is removed at once). Returns whether one was running. */
export function stopCodeRun(cellId: string): boolean {
  const controller = active.get(cellId);
  controller?.abort();
  return !!controller;
}

/** Stops every running code cell, e.g. when the notebook's Cancel is pressed. */
export function stopAllCodeRuns(): void {
  for (const controller of active.values()) controller.abort();
}
