// Data-worker functions for the quality cell(s), spread into the data worker's API (workers/data.worker.ts).
export const qualityApi = {};
