import { parseAppConfig } from '../../lib/app-config.ts';
import type { AppConfig } from '../../lib/app-config.ts';
import { addMovieRecStacks } from '../../lib/movierec-app.ts';
import type { MovieRecStacks } from '../../lib/movierec-app.ts';
import { localResources } from '../../lambdas/local/stack/local-resources.ts';
import type {
  CfnTemplate,
  LocalResources,
  PseudoParameters,
} from '../../lambdas/local/stack/local-resources.ts';
import { createTestApp } from './test-app.ts';

/** The account and region the templates' values are resolved in (documentation values). */
export const TEST_PSEUDO: PseudoParameters = { region: 'us-east-1', accountId: '123456789012' };

/** Every stack of the app as `cdk synth` writes it, and a stand-in value for every resource. */
export interface SynthesizedApp {
  config: AppConfig;
  stacks: MovieRecStacks;
  /** Templates by stack name. */
  templates: Record<string, CfnTemplate>;
  /**
   * Names and ARNs CloudFormation would give each resource, in {@link TEST_PSEUDO}'s account and
   * region: the same stand-ins the local stack uses, so intrinsics resolve as there.
   */
  resources: LocalResources;
  pseudo: PseudoParameters;
}

/**
 * Synthesizes the whole app (all stacks of addMovieRecStacks, without bundling) with `context`
 * as `cdk synth -c` would pass it.
 */
export function synthesizeApp(context: Readonly<Record<string, unknown>> = {}): SynthesizedApp {
  const app = createTestApp();
  const config = parseAppConfig(context);
  const stacks = addMovieRecStacks(app, config);
  const templates: Record<string, CfnTemplate> = {};
  for (const stack of app.synth().stacks) {
    templates[stack.stackName] = stack.template as CfnTemplate;
  }
  return {
    config,
    stacks,
    templates,
    resources: localResources(templates, TEST_PSEUDO),
    pseudo: TEST_PSEUDO,
  };
}
