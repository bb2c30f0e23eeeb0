import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { inject } from 'vitest';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | (string & {});

/** Starts a forced training run (publish even if not better) and reports its status. */
export interface PipelineControl {
  name: string;
  startForced(): Promise<string>;
  status(id: string): Promise<{ status: ExecutionStatus; detail?: string }>;
}

/**
 * The way to start a training run on the system under test: the embedded stack's loopback
 * `/_local/pipeline/executions`, or Step Functions StartExecution on MOVIEREC_STATE_MACHINE_ARN
 * (LocalStack or AWS; the SDK takes region, credentials and AWS_ENDPOINT_URL from the
 * environment). Undefined when the suite runs against a deployment it cannot train.
 */
export function pipelineControl(): PipelineControl | undefined {
  const stateMachineArn = process.env.MOVIEREC_STATE_MACHINE_ARN;
  if (stateMachineArn !== undefined && stateMachineArn !== '') {
    return stepFunctionsControl(stateMachineArn);
  }
  const embedded = (process.env.MOVIEREC_API_URL ?? '') === '';
  return embedded ? localControl(inject('siteUrl')) : undefined;
}

function localControl(siteUrl: string): PipelineControl {
  const executions = `${siteUrl}/_local/pipeline/executions`;
  return {
    name: 'embedded stack',
    async startForced() {
      const response = await fetch(executions, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ force: true }),
      });
      const text = await response.text();
      if (response.status !== 202) throw new Error(`start: ${response.status} ${text}`);
      return (JSON.parse(text) as { executionId: string }).executionId;
    },
    async status(id) {
      const response = await retryNetworkErrors(() =>
        fetch(`${executions}/${encodeURIComponent(id)}`),
      );
      const text = await response.text();
      if (response.status !== 200) throw new Error(`status: ${response.status} ${text}`);
      const body = JSON.parse(text) as { status: string; error?: string; cause?: string };
      return { status: body.status, detail: [body.error, body.cause].filter(Boolean).join(': ') };
    },
  };
}

function stepFunctionsControl(stateMachineArn: string): PipelineControl {
  const sfn = new SFNClient({});
  return {
    name: `state machine ${stateMachineArn}`,
    async startForced() {
      const started = await sfn.send(
        new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ force: true }) }),
      );
      return started.executionArn!;
    },
    async status(executionArn) {
      const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      return {
        status: execution.status ?? 'UNKNOWN',
        detail: [execution.error, execution.cause].filter(Boolean).join(': '),
      };
    },
  };
}

/**
 * Status polls are control plane, not what the suite measures: a connection reset (a keep-alive
 * socket the busy server closed just as it was reused) is retried, up to three times.
 */
async function retryNetworkErrors<T>(request: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      if (attempt >= 3 || !(error instanceof TypeError)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}
