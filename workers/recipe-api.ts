// Data-worker functions for the recipe cell(s), spread into the data worker's API (workers/data.worker.ts).
export const recipeApi = {};
