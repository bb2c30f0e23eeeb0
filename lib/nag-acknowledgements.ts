import { Stack, Validations } from 'aws-cdk-lib';
// cdk-nag's own rendering of a resource in its finding ids; deep import because it is not
// re-exported, pinned with the cdk-nag version and covered by the infra tests.
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges cdk-nag's AwsSolutions-IAM5 finding for each wildcard resource (e.g. the objects
 * under `models/*`) granted in `scope`'s IAM policies, with `reason`.
 *
 * cdk-nag 3 matches a finding by its exact id, which embeds the resource as the synthesized
 * template spells it: `<DataBucket.Arn>/models/*` in the bucket's own stack, but a cross-stack
 * reference (`Fn::GetStackOutput` with the default weak references) in any other stack. That
 * spelling exists only once CDK has resolved cross-stack references, so the id is computed in a
 * construct validation: CDK runs those after resolving references and before validation plugins
 * such as cdk-nag.
 */
export function acknowledgeWildcardResources(
  scope: IConstruct,
  resources: readonly string[],
  reason: string,
): void {
  let acknowledged = false;
  scope.node.addValidation({
    validate: () => {
      if (!acknowledged) {
        acknowledged = true;
        const stack = Stack.of(scope);
        for (const resource of resources) {
          const rendered = flattenCfnReference(stack.resolve(resource));
          if (rendered.includes('*')) {
            Validations.of(scope).acknowledge({
              id: `AwsSolutions-IAM5[Resource::${rendered}]`,
              reason,
            });
          }
        }
      }
      return [];
    },
  });
}
