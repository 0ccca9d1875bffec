// Loads Observable Plot once, on first use, as its own chunk.
export type PlotModule = typeof import('@observablehq/plot');

let plot: Promise<PlotModule> | undefined;
export function loadPlot(): Promise<PlotModule> {
  plot ??= import('@observablehq/plot');
  return plot;
}
