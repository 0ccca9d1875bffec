// Open project sessions, one per project, kept while the app runs so leaving a project mid-run and
// coming back reattaches to the same runs instead of starting a second, conflicting session.
import { ProjectSession } from './session.svelte';

const sessions = new Map<string, ProjectSession>();

export function sessionFor(projectId: string): ProjectSession {
  let session = sessions.get(projectId);
  if (!session || session.loadError) {
    session = new ProjectSession();
    sessions.set(projectId, session);
    void session.open(projectId);
  }
  return session;
}

/** Stop a project's work for good (it is being deleted). */
export function closeSession(projectId: string): void {
  sessions.get(projectId)?.dispose();
  sessions.delete(projectId);
}
