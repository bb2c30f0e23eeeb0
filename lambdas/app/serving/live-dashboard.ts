import type { DashboardAggregates } from '../pipeline/dashboard-aggregates.ts';
import type { RatingSources } from '../profiles/profile-records.ts';
import { requireCurrentModel } from './current-model.ts';
import { DASHBOARD_FILE } from './serving-artifacts.ts';
import type { ServingContext } from './serving-context.ts';
import { ModelUnavailableError } from './serving-errors.ts';
import type { ModelFiles } from './serving-model.ts';

/** The analytics page's figures of one version, as the catalogue step computed them. */
export type Dashboard = DashboardAggregates & { version: string };

/**
 * The live version's dashboard (cached per container per version by the context), with the
 * profile ratings collected since that version's ingest read them: the ratings-collected
 * counter now minus the value the version recorded (`sources.ratingsCollectedAtIngest`, 0 for
 * versions trained before profiles existed), never negative.
 */
export async function liveDashboard(
  context: ServingContext,
): Promise<Dashboard & { collectedSinceTraining: number }> {
  const { version } = await requireCurrentModel(context.store);
  const [dashboard, record, collected] = await Promise.all([
    context.dashboard(version),
    context.store.getModelVersion(version),
    context.profiles?.store.ratingsCollected() ?? 0,
  ]);
  const sources = record?.sources as Partial<RatingSources> | undefined;
  const atIngest = sources?.ratingsCollectedAtIngest ?? 0;
  return { ...dashboard, collectedSinceTraining: Math.max(0, collected - atIngest) };
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
