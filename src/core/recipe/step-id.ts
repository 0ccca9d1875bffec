// Ids for new recipe steps: unique within a recipe, short enough to read in saved JSON.

let counter = 0;

export function newStepId(): string {
  counter = (counter + 1) % 1296;
  return 's' + Date.now().toString(36).slice(-5) + Math.floor(Math.random() * 46656).toString(36).padStart(3, '0') + counter.toString(36).padStart(2, '0');
}

