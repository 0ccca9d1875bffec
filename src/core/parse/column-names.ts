// Turns a header row into unique, non-blank column names.

/** Header names trimmed, blanks named column_N (1-based), repeats suffixed _2, _3… so every name is unique. */
export function columnNames(fields: string[]): string[] {
  const names: string[] = [];
  const used = new Set<string>();
  const trimmed = fields.map((f, i) => f.trim() || `column_${i + 1}`);
  // Names as written take precedence over generated suffixes, so "a, a_2, a" gives a, a_2, a_3.
  for (const name of trimmed) used.add(name);
  const seen = new Set<string>();
  for (const name of trimmed) {
    if (!seen.has(name)) {
      seen.add(name);
      names.push(name);
      continue;
    }
    let k = 2;
    while (used.has(`${name}_${k}`)) k++;
    const unique = `${name}_${k}`;
    used.add(unique);
    names.push(unique);
  }
  return names;
}
