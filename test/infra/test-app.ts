import { readFileSync } from 'node:fs';
import { App, Stage } from 'aws-cdk-lib';
import type { Stack } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};

/**
 * An App with the same context (feature flags) as `cdk synth`. Bundling is skipped unless
 * asked for (all stacks, or those whose construct paths match the patterns given): it costs
 * seconds per function and most tests only read the template. CDK's built-in CloudFormation
 * schema validation (~8 s to load) is left to `npm run synth`.
 */
export function createTestApp(options: { bundle?: boolean | string[] } = {}): App {
  const context = { ...cdkJson.context };
  if (options.bundle !== true) {
    context['aws:cdk:bundling-stacks'] = Array.isArray(options.bundle) ? options.bundle : [];
  }
  return new App({ context, builtinCloudFormationValidation: false, treeMetadata: false });
}

/**
 * cdk-nag AwsSolutions findings in `stack` that carry no acknowledgement, as
 * "<rule> at <construct path>". Synthesizes first, as `cdk synth` does before running plugins.
 */
export function unacknowledgedNagFindings(stack: Stack): string[] {
  Stage.of(stack)?.synth();
  const report = new AwsSolutionsChecks().validateScope(stack);
  return report.violations.flatMap((v) =>
    v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`),
  );
}

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

/** Every statement of every IAM policy in the template, actions normalised to arrays. */
export function policyStatements(template: Template): (Statement & { Action: string[] })[] {
  return Object.values(template.findResources('AWS::IAM::Policy')).flatMap((policy) =>
    (policy.Properties.PolicyDocument.Statement as Statement[]).map((s) => ({
      ...s,
      Action: Array.isArray(s.Action) ? s.Action : [s.Action],
    })),
  );
}
