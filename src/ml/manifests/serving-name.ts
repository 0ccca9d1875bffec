// Turns a project or model name into one name that Kubernetes, Triton and URLs all accept.

/** KServe derives longer service names from this one; 40 leaves room under Kubernetes' 63. */
const MAX_LENGTH = 40;

/**
 * A DNS-1035 label (lower-case letters, digits and '-', starting with a letter, ending with a letter
 * or digit): valid as a Seldon Model name, a KServe InferenceService name, a Triton model folder and
 * a path segment of /v2/models/<name>/infer.
 */
export function servingName(text: string): string {
  let name = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!/^[a-z]/.test(name)) name = name ? `model-${name}` : 'model';
  return name.slice(0, MAX_LENGTH).replace(/-+$/, '');
}
