/**
 * `npm run localstack:train [-- --dataset <name|s3 uri>] [--force] [--stage <stage>]`: starts a
 * training run of the Pipeline stack's state machine deployed into LocalStack by
 * `npm run localstack:deploy`, waits for it and prints the result. The state machine's ARN comes
 * from the stack outputs that deploy wrote to .local/localstack-outputs.json. Not run in this
 * project's CI (no Docker there).
 */
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';

const OUTPUTS = fileURLToPath(new URL('../../../.local/localstack-outputs.json', import.meta.url));

const { values } = parseArgs({
  options: {
    dataset: { type: 'string' },
    force: { type: 'boolean', default: false },
    stage: { type: 'string', default: 'dev' },
  },
});

const outputs = JSON.parse(
  await readFile(OUTPUTS, 'utf8').catch(() => {
    throw new Error(`no ${OUTPUTS}: run \`npm run localstack:deploy\` first`);
  }),
) as Record<string, Record<string, string>>;
const stack = `MovieRec-${values.stage}-Pipeline`;
const stateMachineArn = outputs[stack]?.StateMachineArn;
if (stateMachineArn === undefined) {
  throw new Error(`${OUTPUTS} has no ${stack}.StateMachineArn: deploy that stack first`);
}

const sfn = new SFNClient({
  endpoint: process.env.AWS_ENDPOINT_URL ?? 'http://localhost:4566',
  region: process.env.AWS_REGION ?? 'us-east-1',
  credentials: {
    accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? 'test',
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? 'test',
  },
});
const input = {
  ...(values.dataset !== undefined && { dataset: values.dataset }),
  force: values.force,
};
const { executionArn } = await sfn.send(
  new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }),
);
console.log(`started ${executionArn} with ${JSON.stringify(input)}`);

const started = Date.now();
for (;;) {
  await sleep(5_000);
  const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
  const seconds = Math.round((Date.now() - started) / 1000);
  if (execution.status === 'RUNNING') {
    console.log(`running for ${seconds} s`);
    continue;
  }
  console.log(`${execution.status} after ${seconds} s`);
  if (execution.status === 'SUCCEEDED') {
    console.log(JSON.stringify(JSON.parse(execution.output ?? 'null'), null, 2));
  } else {
    console.error(`${execution.error ?? 'no error'}: ${execution.cause ?? 'no cause'}`);
    process.exitCode = 1;
  }
  break;
}
