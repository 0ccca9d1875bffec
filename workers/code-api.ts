// Data-worker functions for the code cell(s), spread into the data worker's API (workers/data.worker.ts).
export const codeApi = {};
