// Data-worker functions for the drift cell(s), spread into the data worker's API (workers/data.worker.ts).
export const driftApi = {};
