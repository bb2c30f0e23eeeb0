import type { DashboardAggregates } from '../pipeline/dashboard-aggregates.ts';
import { requireCurrentModel } from './current-model.ts';
import { DASHBOARD_FILE } from './serving-artifacts.ts';
import type { ServingContext } from './serving-context.ts';
import { ModelUnavailableError } from './serving-errors.ts';
import type { ModelFiles } from './serving-model.ts';

/** The analytics page's figures of one version, as the catalogue step computed them. */
export type Dashboard = DashboardAggregates & { version: string };

/** The live version's dashboard (cached per container per version by the context). */
export async function liveDashboard(context: ServingContext): Promise<Dashboard> {
  const { version } = await requireCurrentModel(context.store);
  return context.dashboard(version);
}

/**
 * Reads `web/dashboard.json` of a version. Missing or unreadable is a ModelUnavailableError
 * (503): the version was published without its catalogue output, or the bucket lost it.
 */
export async function loadDashboard(files: ModelFiles, version: string): Promise<Dashboard> {
  const bytes = await files.read(version, DASHBOARD_FILE);
  if (bytes === undefined) {
    throw new ModelUnavailableError(`model ${version} has no ${DASHBOARD_FILE} in the bucket`);
  }
  let aggregates: unknown;
  try {
    aggregates = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new ModelUnavailableError(`model ${version}: ${DASHBOARD_FILE} is not JSON`, {
      cause: error,
    });
  }
  if (typeof aggregates !== 'object' || aggregates === null || Array.isArray(aggregates)) {
    throw new ModelUnavailableError(`model ${version}: ${DASHBOARD_FILE} is not an object`);
  }
  return { ...(aggregates as DashboardAggregates), version };
}
