// Serving endpoints and the deployment history: the only code that reads or writes bearer tokens.
import { db, type DeploymentRecord } from './db';
import { presetEndpoints, validateEndpoint, type Endpoint } from '../deploy/endpoints';

/** Saved endpoints, then config.json presets not yet saved (a saved copy of a preset wins, token and all). */
export async function listEndpoints(presets: readonly Endpoint[] = []): Promise<Endpoint[]> {
  const saved = await db().endpoints.toArray();
  const ids = new Set(saved.map((e) => e.id));
  return [...saved, ...presets.filter((p) => !ids.has(p.id))].sort((a, b) => a.name.localeCompare(b.name));
}

export async function getEndpoint(id: string, presets: readonly Endpoint[] = []): Promise<Endpoint | undefined> {
  return (await db().endpoints.get(id)) ?? presets.find((p) => p.id === id);
}

/** Validates and saves; throws a UserError for a bad field. */
export async function saveEndpoint(e: Endpoint): Promise<Endpoint> {
  const clean = validateEndpoint(e);
  await db().endpoints.put(clean);
  return clean;
}

export async function deleteEndpoint(id: string): Promise<void> {
  await db().endpoints.delete(id);
}

/** public/config.json's endpoints; none when the file is absent or unreadable. */
export async function loadPresetEndpoints(url = new URL('config.json', document.baseURI).href): Promise<Endpoint[]> {
  try {
    const r = await fetch(url, { cache: 'no-cache' });
    return r.ok ? presetEndpoints(await r.json()) : [];
  } catch {
    return [];
  }
}

export async function addDeployment(record: DeploymentRecord): Promise<void> {
  await db().deployments.put(record);
}

/** A project's deployments, newest first. */
export async function deploymentsFor(projectId: string): Promise<DeploymentRecord[]> {
  const rows = await db().deployments.where('projectId').equals(projectId).toArray();
  return rows.sort((a, b) => b.at - a.at);
}
