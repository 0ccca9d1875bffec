// Consent to run code: a project from elsewhere (codeConsent 'pending') runs no code cell until the user allows it.
import { CellError } from '../../client/worker-handle';
import { getProject, saveProject } from '../../store/projects';
// A cycle (sessions → registry → this cell kind → here) that is safe: nothing here runs at import time.
import { sessionFor } from '../../notebook/sessions';

/** ErrorDetails kind of a run refused for want of consent. */
export const CONSENT_NEEDED = 'code-consent';

/** Refuses to go on when the project's code has not been allowed in this browser. Reads the stored record, which is what counts. */
export async function requireConsent(projectId: string): Promise<void> {
  const project = await getProject(projectId);
  if (project?.codeConsent !== 'pending') return;
  throw new CellError({
    message: 'This notebook came from elsewhere: its code cells need your consent before they run.',
    hint: 'Read the code, then press “Allow code in this notebook” on the cell.',
    details: { kind: CONSENT_NEEDED },
  });
}

/**
 * The project open on the page (#/p/<id>). A cell view is not told its project, and consent is a
 * project's, not a cell's: this is the one place that reads it from the address.
 */
export function openProjectId(): string | null {
  if (!location.hash.startsWith('#/p/')) return null;
  try {
    return decodeURIComponent(location.hash.slice(4));
  } catch {
    return null;
  }
}


/** Whether the project's code cells wait for consent, as the open session holds it (reactive in views). */
export function consentState(projectId: string): { readonly pending: boolean } {
  const s = sessionFor(projectId);
  return {
    get pending() {
      return s.project?.codeConsent === 'pending';
    },
  };
}

/**
 * Records the user's consent: in the open session's project (so its next save keeps it) and in the store
 * (which requireConsent reads).
 */
export async function allowCode(projectId: string): Promise<void> {
  const s = sessionFor(projectId);
  if (s.project?.id !== projectId) return;
  s.project.codeConsent = 'granted';
  await saveProject(s.project);
}
