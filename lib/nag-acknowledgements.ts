import { Stack, Validations } from 'aws-cdk-lib';
// cdk-nag's own rendering of a resource in its finding ids; deep import because it is not
// re-exported, pinned with the cdk-nag version and covered by the infra tests.
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import { Policy } from 'aws-cdk-lib/aws-iam';
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

/**
 * Acknowledges every AwsSolutions-IAM5 finding (wildcard resource or action) of the IAM policies
 * under `scope`, with `reason`. For policies that AWS service integrations generate (e.g. a Step
 * Functions role invoking function versions or starting its own Distributed Map children),
 * whose wildcards are fixed by the integration rather than chosen here; never for policies this
 * code writes itself, which use `acknowledgeWildcardResources` for the resources they name.
 */
export function acknowledgeGeneratedPolicyWildcards(scope: IConstruct, reason: string): void {
  let acknowledged = false;
  scope.node.addValidation({
    validate: () => {
      if (!acknowledged) {
        acknowledged = true;
        const stack = Stack.of(scope);
        for (const policy of scope.node.findAll()) {
          if (!(policy instanceof Policy)) continue;
          const document = stack.resolve(policy.document.toJSON()) as
            { Statement?: { Action?: unknown; Resource?: unknown }[] } | undefined;
          for (const statement of document?.Statement ?? []) {
            for (const action of [statement.Action ?? []].flat()) {
              if (typeof action === 'string' && action.includes('*')) {
                Validations.of(policy).acknowledge({
                  id: `AwsSolutions-IAM5[Action::${action}]`,
                  reason,
                });
              }
            }
            for (const resource of [statement.Resource ?? []].flat()) {
              const rendered = flattenCfnReference(resource);
              if (rendered.includes('*')) {
                Validations.of(policy).acknowledge({
                  id: `AwsSolutions-IAM5[Resource::${rendered}]`,
                  reason,
                });
              }
            }
          }
        }
      }
      return [];
    },
  });
}
