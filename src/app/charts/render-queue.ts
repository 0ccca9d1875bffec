// Draws queued charts a few at a time between frames, charts on screen first, so a report with many
// charts never holds the main thread for long.

export interface RenderTicket {
  /** Moves the chart ahead of those off screen (or back) while it waits. */
  setVisible(visible: boolean): void;
  /** Takes the chart out of the queue (its component was destroyed). */
  cancel(): void;
}

interface Job {
  draw: () => void;
  visible: boolean;
  seq: number;
}

/** Time spent drawing per slice before yielding back to the browser. */
const SLICE_MS = 12;

const jobs = new Set<Job>();
let seq = 0;
let scheduled = false;

function next(): Job | undefined {
  let best: Job | undefined;
  for (const j of jobs) {
    if (!best || (j.visible && !best.visible) || (j.visible === best.visible && j.seq < best.seq)) best = j;
  }
  return best;
}

function pump() {
  scheduled = false;
  const start = performance.now();
  // At least one chart per slice, so an expensive chart still makes progress.
  do {
    const job = next();
    if (!job) return;
    jobs.delete(job);
    try {
      job.draw();
    } catch (e) {
      console.error('chart failed to draw', e);
    }
  } while (performance.now() - start < SLICE_MS);
  schedule();
}

function schedule() {
  if (scheduled || jobs.size === 0) return;
  scheduled = true;
  // A timeout (not requestIdleCallback) keeps drawing while the page is busy with other work, and
  // still lets input and paint in between slices.
  setTimeout(pump, 0);
}

/** Queues a drawing; it runs in a later slice. */
export function queueRender(draw: () => void, visible = false): RenderTicket {
  const job: Job = { draw, visible, seq: seq++ };
  jobs.add(job);
  schedule();
  return {
    setVisible(v) {
      job.visible = v;
    },
    cancel() {
      jobs.delete(job);
    },
  };
}
