import { describe, expect, it } from 'vitest';
import { pipelineObjectKeys } from '../../lambdas/app/pipeline/pipeline-objects.ts';
import { pipelineDefinition } from '../../lambdas/local/stack/pipeline-definition.ts';
import { resolveIntrinsics } from '../../lambdas/local/stack/template-intrinsics.ts';
import { PIPELINE_STATES } from '../../lib/pipeline-stack.ts';
import { evaluateRequest } from './iam-evaluation.ts';
import type { AwsRequest } from './iam-evaluation.ts';
import { codeRoles, rolePolicies } from './role-policies.ts';
import { stateMachineCalls } from './state-machine-calls.ts';
import type { StateCall } from './state-machine-calls.ts';
import { synthesizeApp } from './synthesized-app.ts';
import type { SynthesizedApp } from './synthesized-app.ts';

/**
 * The state machine's own calls (invoking each step's function, publishing a failure, running
 * the Fargate task, the Distributed Map's item reader and child executions), derived from the
 * synthesized definition state by state, are all allowed by its role; a new state's calls are
 * checked without a table.
 */
function pipelineCalls(app: SynthesizedApp) {
  const stackName = app.stacks.pipeline.stackName;
  const template = app.templates[stackName]!;
  const machine = pipelineDefinition(app.templates, app.resources, app.pseudo, stackName);
  const where = `${stackName}/${machine.logicalId}`;
  const role = rolePolicies(
    app,
    stackName,
    template.Resources[machine.logicalId]!.Properties?.RoleArn,
    where,
  );
  const resolve = (value: unknown) => resolveIntrinsics(value, { ...app, stackName }) as string;
  const calls = stateMachineCalls(machine.definition, {
    ...app.pseudo,
    stateMachineArn: machine.arn,
    taskDefinition: (name) => {
      const found = Object.entries(template.Resources).find(
        ([id, r]) =>
          r.Type === 'AWS::ECS::TaskDefinition' &&
          (r.Properties?.Family === name || app.resources[stackName]![id]!.ref === name),
      );
      if (found === undefined) throw new Error(`no task definition ${name} in ${stackName}`);
      const [id, task] = found;
      return {
        arn: app.resources[stackName]![id]!.ref,
        roleArns: [
          resolve(task.Properties?.TaskRoleArn),
          resolve(task.Properties?.ExecutionRoleArn),
        ],
      };
    },
    itemReaderKeys: {
      [PIPELINE_STATES.score]: pipelineObjectKeys.shardManifest('20261121-200254-ab12cd34'),
    },
  });
  return { role, calls };
}

describe.each([
  { training: 'Lambda and Fargate', context: {} },
  { training: 'Lambda only', context: { fargateTraining: 'false' } },
])('the state machine with $training training', ({ context }) => {
  const app = synthesizeApp(context);
  const { role, calls } = pipelineCalls(app);
  const decision = (call: AwsRequest) => evaluateRequest(role.statements, call);
  const show = (call: StateCall) => `"${call.state}": ${call.action} on ${call.resource}`;

  it('is allowed every call of every state', () => {
    const taskStates = new Set(calls.map((call) => call.state));
    expect(taskStates).toContain(PIPELINE_STATES.ingest);
    expect(taskStates).toContain(PIPELINE_STATES.scoreShard);
    expect(calls.filter((call) => decision(call) !== 'allowed').map(show)).toEqual([]);
  });

  it('may not invoke the API function, pass its role or read another bucket', () => {
    const api = codeRoles(app).find((r) => r.entry === 'lambdas/handlers/api/api-handler.ts')!;
    const [stack, logicalId] = api.where.split('/') as [string, string];
    const apiArn = app.resources[stack]![logicalId]!.attributes.Arn!;
    const allowed = [
      { action: 'lambda:InvokeFunction', resource: apiArn },
      { action: 'iam:PassRole', resource: api.roleArn },
      { action: 's3:GetObject', resource: 'arn:aws:s3:::another-bucket/shards.json' },
    ].filter((call) => decision(call) === 'allowed');
    expect(allowed).toEqual([]);
  });
});
