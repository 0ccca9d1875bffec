// A tiny YAML writer for manifests: block mappings and sequences, strings quoted whenever plain could misread.

export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };

/** Writes one YAML document; `comment` lines go on top, each prefixed with '# '. */
export function toYaml(value: YamlValue, comment?: string): string {
  const head = comment ? comment.split('\n').map((line) => (line ? `# ${line}` : '#')).join('\n') + '\n' : '';
  return head + lines(value, 0).join('\n') + '\n';
}

function lines(value: YamlValue, indent: number): string[] {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${pad}[]`];
    return value.flatMap((item) => {
      if (isCollection(item) && !isEmpty(item)) {
        const inner = lines(item, indent + 2);
        return [`${pad}- ${inner[0].trimStart()}`, ...inner.slice(1)];
      }
      return [`${pad}- ${scalar(item)}`];
    });
  }
  if (isCollection(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return [`${pad}{}`];
    return entries.flatMap(([key, item]) =>
      isCollection(item) && !isEmpty(item)
        ? [`${pad}${scalar(key)}:`, ...lines(item, indent + 2)]
        : [`${pad}${scalar(key)}: ${scalar(item)}`],
    );
  }
  return [`${pad}${scalar(value)}`];
}

function isCollection(v: YamlValue): v is YamlValue[] | { [key: string]: YamlValue } {
  return typeof v === 'object' && v !== null;
}

function isEmpty(v: YamlValue[] | { [key: string]: YamlValue }): boolean {
  return Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0;
}

/** Words YAML 1.1 and 1.2 readers turn into booleans or null when unquoted. */
const RESERVED = /^(?:true|false|yes|no|on|off|y|n|null|~)$/i;
/** Plain scalars that read back as the same string: a letter or '/' first, then a safe set of characters. */
const PLAIN = /^[A-Za-z/][A-Za-z0-9_./-]*$/;

function scalar(v: YamlValue | string): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`YAML manifests cannot hold ${v}`);
    return String(v);
  }
  if (typeof v === 'string') return PLAIN.test(v) && !RESERVED.test(v) ? v : JSON.stringify(v);
  if (Array.isArray(v)) return '[]';
  return '{}';
}
