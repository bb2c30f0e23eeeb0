import { ENTRY_METADATA } from '../../lib/movierec-function.ts';
import type { CfnResource } from '../../lambdas/local/stack/local-resources.ts';
import { resolveIntrinsics } from '../../lambdas/local/stack/template-intrinsics.ts';
import type { IamStatement } from './iam-evaluation.ts';
import { namesPrincipal } from './iam-evaluation.ts';
import type { SynthesizedApp } from './synthesized-app.ts';

/** A Lambda function or a Fargate task of the app that runs the project's code, and its role. */
export interface CodeRole {
  /** The source the function or task is built from (its `movierec:entry` metadata). */
  entry: string;
  /** `<stack>/<logical id>` of the function or task definition. */
  where: string;
  roleArn: string;
  /** Every statement that decides the role's calls (see {@link rolePolicies}). */
  statements: IamStatement[];
  /** The log group the function writes to (functions only). */
  logGroup?: string;
  /**
   * The function or task definition with its intrinsics resolved, for facts a call table reads
   * from it (e.g. the command of a container).
   */
  resource: CfnResource;
}

/**
 * The role of every function and task definition carrying `movierec:entry` metadata in `app`:
 * a function's execution role, a task's task role (the one its code calls AWS with).
 */
export function codeRoles(app: SynthesizedApp): CodeRole[] {
  const roles: CodeRole[] = [];
  for (const [stackName, template] of Object.entries(app.templates)) {
    const resolve = (value: unknown, path: string) =>
      resolveIntrinsics(value, { ...app, stackName }, path);
    for (const [logicalId, resource] of Object.entries(template.Resources)) {
      const entry = resource.Metadata?.[ENTRY_METADATA];
      if (typeof entry !== 'string') continue;
      const where = `${stackName}/${logicalId}`;
      const roleProperty =
        resource.Type === 'AWS::Lambda::Function'
          ? 'Role'
          : resource.Type === 'AWS::ECS::TaskDefinition'
            ? 'TaskRoleArn'
            : undefined;
      if (roleProperty === undefined) throw new Error(`${where}: ${resource.Type} has an entry`);
      const logGroup = (resource.Properties?.LoggingConfig as { LogGroup?: unknown } | undefined)
        ?.LogGroup;
      roles.push({
        entry,
        where,
        ...rolePolicies(app, stackName, resource.Properties?.[roleProperty], where),
        ...(logGroup !== undefined && {
          logGroup: resolve(logGroup, `Resources.${logicalId}.Properties.LoggingConfig`) as string,
        }),
        resource: resolve(resource, `Resources.${logicalId}`) as CfnResource,
      });
    }
  }
  return roles;
}

/**
 * The ARN of the role that `roleArn` (a resource's `Fn::GetAtt: [role, Arn]`) names in
 * `stackName`, and every statement deciding its calls, intrinsics resolved: its own policies and
 * the statements of S3 bucket policies that name it or everyone (a bucket's Deny of plain HTTP
 * applies to every caller). Managed policies cannot be evaluated offline: a role with one is an
 * error, as is a role from another stack.
 */
export function rolePolicies(
  app: SynthesizedApp,
  stackName: string,
  roleArn: unknown,
  where: string,
): { roleArn: string; statements: IamStatement[] } {
  const resources = app.templates[stackName]!.Resources;
  const roleId = (roleArn as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt']?.[0];
  if (roleId === undefined || resources[roleId]?.Type !== 'AWS::IAM::Role') {
    throw new Error(`${where}: its role is not a role of the same stack`);
  }
  const arn = app.resources[stackName]![roleId]!.attributes.Arn!;
  return {
    roleArn: arn,
    statements: [
      ...roleStatements(resources, roleId, where).flatMap(
        ([path, statements]) =>
          resolveIntrinsics(statements, { ...app, stackName }, path) as IamStatement[],
      ),
      ...resourcePolicyStatements(app).filter((statement) => namesPrincipal(statement, arn)),
    ],
  };
}

/** The unresolved statements of a role's inline policies and the policies attached to it. */
function roleStatements(
  resources: Record<string, CfnResource>,
  roleId: string,
  where: string,
): [string, unknown][] {
  const role = resources[roleId]!;
  if (role.Properties?.ManagedPolicyArns !== undefined) {
    throw new Error(`${where}: role ${roleId} has managed policies, which are not evaluated here`);
  }
  const found: [string, unknown][] = [];
  const inline = (role.Properties?.Policies ?? []) as { PolicyDocument: { Statement: unknown } }[];
  inline.forEach((policy, i) =>
    found.push([
      `Resources.${roleId}.Properties.Policies[${i}].PolicyDocument.Statement`,
      policy.PolicyDocument.Statement,
    ]),
  );
  for (const [id, resource] of Object.entries(resources)) {
    if (resource.Type !== 'AWS::IAM::Policy' && resource.Type !== 'AWS::IAM::ManagedPolicy') {
      continue;
    }
    const attached = (resource.Properties?.Roles ?? []) as { Ref?: string }[];
    if (attached.some((ref) => ref.Ref === roleId)) {
      const document = resource.Properties!.PolicyDocument as { Statement: unknown };
      found.push([`Resources.${id}.Properties.PolicyDocument.Statement`, document.Statement]);
    }
  }
  return found.map(([path, statements]) => [
    path,
    Array.isArray(statements) ? statements : [statements],
  ]);
}

/** Every statement of every S3 bucket policy in the app, intrinsics resolved. */
function resourcePolicyStatements(app: SynthesizedApp): IamStatement[] {
  return Object.entries(app.templates).flatMap(([stackName, template]) =>
    Object.entries(template.Resources)
      .filter(([, resource]) => resource.Type === 'AWS::S3::BucketPolicy')
      .flatMap(([id, resource]) => {
        const path = `Resources.${id}.Properties.PolicyDocument.Statement`;
        const document = resource.Properties!.PolicyDocument as { Statement: unknown };
        return resolveIntrinsics(document.Statement, { ...app, stackName }, path) as IamStatement[];
      }),
  );
}
