import type { AslMachine, AslState } from '../../lambdas/local/stack/pipeline-definition.ts';
import type { AwsRequest } from './iam-evaluation.ts';

/** A call the state machine makes with its role, and the state that makes it. */
export interface StateCall extends AwsRequest {
  state: string;
}

/** What the calls of a definition need beyond the definition itself. */
export interface StateMachineFacts {
  region: string;
  accountId: string;
  /** The state machine's own ARN (a Distributed Map starts child executions of it). */
  stateMachineArn: string;
  /** A task definition named in a RunTask state (family or ARN) → its ARN and its two roles. */
  taskDefinition: (name: string) => { arn: string; roleArns: string[] };
  /** A key for each ItemReader whose key is a JSONPath, by state name (e.g. the shard manifest). */
  itemReaderKeys: Readonly<Record<string, string>>;
}

/**
 * The AWS calls each state of `definition` (its DefinitionString resolved) makes with the state
 * machine's role, as the Step Functions Developer Guide's IAM policies for integrated services
 * list them: Lambda tasks invoke their function; `sns:publish` publishes to its topic;
 * `ecs:runTask.sync` runs the task definition, passes its roles, watches the task (DescribeTasks,
 * StopTask) through the managed EventBridge rule StepFunctionsGetEventsForECSTaskRule; a
 * Distributed Map starts executions of the state machine itself and its S3 ItemReader gets the
 * item object. A Task of any other integration throws: add its calls here.
 */
export function stateMachineCalls(definition: AslMachine, facts: StateMachineFacts): StateCall[] {
  const calls: StateCall[] = [];
  const visit = (machine: AslMachine) => {
    for (const [state, body] of Object.entries(machine.States)) {
      calls.push(...callsOf(state, body, facts));
      for (const inner of [body.ItemProcessor, body.Iterator, ...(body.Branches ?? [])]) {
        if (inner !== undefined) visit(inner);
      }
    }
  };
  visit(definition);
  return calls;
}

function callsOf(state: string, body: AslState, facts: StateMachineFacts): StateCall[] {
  const call = (action: string, resource: string): StateCall => ({ state, action, resource });
  const parameters = (body.Parameters ?? {}) as Record<string, unknown>;
  const calls: StateCall[] = [];
  if (body.Type === 'Task') {
    const resource = body.Resource ?? '';
    const integration = /^arn:[^:]+:states:::([^:]+):(.+)$/.exec(resource);
    if (/^arn:[^:]+:lambda:/.test(resource)) {
      calls.push(call('lambda:InvokeFunction', resource));
    } else if (integration?.[1] === 'lambda' && integration[2]!.startsWith('invoke')) {
      calls.push(call('lambda:InvokeFunction', String(parameters.FunctionName)));
    } else if (integration?.[1] === 'sns' && integration[2] === 'publish') {
      calls.push(call('sns:Publish', String(parameters.TopicArn)));
    } else if (integration?.[1] === 'ecs' && integration[2]!.startsWith('runTask')) {
      const task = facts.taskDefinition(String(parameters.TaskDefinition));
      calls.push(call('ecs:RunTask', task.arn));
      calls.push(...task.roleArns.map((role) => call('iam:PassRole', role)));
      if (integration[2] === 'runTask.sync') {
        const rule = `arn:aws:events:${facts.region}:${facts.accountId}:rule/StepFunctionsGetEventsForECSTaskRule`;
        const taskArn = `arn:aws:ecs:${facts.region}:${facts.accountId}:task/cluster/0f1e2d3c`;
        calls.push(call('ecs:DescribeTasks', taskArn), call('ecs:StopTask', taskArn));
        calls.push(
          ...['events:PutTargets', 'events:PutRule', 'events:DescribeRule'].map((a) =>
            call(a, rule),
          ),
        );
      }
    } else {
      throw new Error(`state "${state}": the calls of Task ${resource} are not known here`);
    }
  }
  const reader = body.ItemReader;
  if (reader !== undefined) {
    if (!/^arn:[^:]+:states:::s3:getObject$/.test(reader.Resource)) {
      throw new Error(
        `state "${state}": the calls of ItemReader ${reader.Resource} are not known here`,
      );
    }
    const key = reader.Parameters?.Key ?? facts.itemReaderKeys[state];
    if (typeof key !== 'string')
      throw new Error(`state "${state}": no sample key for its ItemReader`);
    calls.push(call('s3:GetObject', `arn:aws:s3:::${String(reader.Parameters?.Bucket)}/${key}`));
  }
  const processor = body.ItemProcessor as { ProcessorConfig?: { Mode?: string } } | undefined;
  if (processor?.ProcessorConfig?.Mode === 'DISTRIBUTED') {
    calls.push(call('states:StartExecution', facts.stateMachineArn));
  }
  return calls;
}
