import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Stack } from 'aws-cdk-lib';
import type { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import { DataStack } from '../../lib/data-stack.ts';
import { MovieRecFunction, TABLE_ACTIONS } from '../../lib/movierec-function.ts';
import { createTestApp, policyStatements, unacknowledgedNagFindings } from './test-app.ts';

const entry = fileURLToPath(new URL('fixtures/ok-handler.ts', import.meta.url));

/** A function binding a table and a bucket living in a separate Data stack, as in the app. */
function consumerOfDataStack(app: App, access: 'read' | 'write', prefix?: string) {
  const data = new DataStack(app, 'Data', { protectData: false });
  const stack = new Stack(app, 'Consumer');
  const fn = new MovieRecFunction(stack, 'Fn', { entry, serviceName: 'test' })
    .bindTable(data.table, access)
    .bindBucket(data.bucket, access, prefix);
  return { stack, fn, template: Template.fromStack(stack) };
}

function allActions(template: Template): string[] {
  return policyStatements(template).flatMap((s) => s.Action);
}

describe('MovieRecFunction defaults', () => {
  const { stack, template } = consumerOfDataStack(createTestApp(), 'read', 'models/');
  const [fnResource] = Object.values(template.findResources('AWS::Lambda::Function'));

  it('runs the newest Node.js runtime on arm64 with active tracing', () => {
    expect(fnResource?.Properties).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      Handler: 'index.handler',
      MemorySize: 512,
      Timeout: 10,
    });
  });

  it('sets source maps, Powertools settings and the bound names in the environment', () => {
    const variables = (fnResource?.Properties.Environment as { Variables: Record<string, unknown> })
      .Variables;
    expect(variables).toMatchObject({
      NODE_OPTIONS: '--enable-source-maps',
      POWERTOOLS_SERVICE_NAME: 'test',
      POWERTOOLS_METRICS_NAMESPACE: 'MovieRec',
      POWERTOOLS_LOG_LEVEL: 'INFO',
    });
    expect(JSON.stringify(variables.TABLE_NAME)).toContain('ServingTable');
    expect(JSON.stringify(variables.BUCKET_NAME)).toContain('DataBucket');
  });

  it('names its source in the Metadata the local stack binds it by', () => {
    expect(fnResource?.Metadata).toMatchObject({
      'movierec:entry': 'test/infra/fixtures/ok-handler.ts',
      'movierec:handler': 'handler',
    });
  });

  it('logs to its own log group with a one-month retention', () => {
    const [logGroupId] = Object.keys(template.findResources('AWS::Logs::LogGroup'));
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    expect(fnResource?.Properties.LoggingConfig).toEqual({ LogGroup: { Ref: logGroupId } });
  });

  it('has a role with no AWS managed policy, writing logs only to that log group', () => {
    const [role] = Object.values(template.findResources('AWS::IAM::Role'));
    expect(role?.Properties.ManagedPolicyArns).toBeUndefined();
    const logs = policyStatements(template).find((s) => s.Action.includes('logs:PutLogEvents'));
    expect(logs?.Action.sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
    expect(JSON.stringify(logs?.Resource)).toMatch(/FnLogs.*Arn/);
  });

  it('passes the cdk-nag AwsSolutions checks across stacks (wildcards acknowledged)', () => {
    expect(unacknowledgedNagFindings(stack)).toEqual([]);
  });
});

describe('MovieRecFunction bindings', () => {
  it('read: table reads and prefix-scoped S3 reads, no write action at all', () => {
    const { template } = consumerOfDataStack(createTestApp(), 'read', 'models/');
    const actions = allActions(template);
    expect(actions).toEqual(expect.arrayContaining([...TABLE_ACTIONS.read, 's3:GetObject']));
    for (const forbidden of [
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:DeleteItem',
      'dynamodb:Scan',
      's3:PutObject',
      's3:DeleteObject',
    ]) {
      expect(actions).not.toContain(forbidden);
    }
    const statements = policyStatements(template);
    const get = statements.find((s) => s.Action.includes('s3:GetObject'));
    expect(JSON.stringify(get?.Resource)).toMatch(/\/models\/\*"\]\]\}$/);
    // Unconditioned: S3's 404-or-403 check for a missing key carries no s3:prefix.
    const list = statements.find((s) => s.Action.includes('s3:ListBucket'));
    expect(list).toBeDefined();
    expect(list?.Condition).toBeUndefined();
  });

  it('write: table writes and prefix-scoped S3 writes, no read or delete action', () => {
    const { stack, template } = consumerOfDataStack(createTestApp(), 'write', 'datasets/');
    const actions = allActions(template);
    expect(actions).toEqual(
      expect.arrayContaining([...TABLE_ACTIONS.write, 's3:PutObject', 's3:AbortMultipartUpload']),
    );
    for (const forbidden of [
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:DeleteItem',
      's3:GetObject',
      's3:ListBucket',
      's3:DeleteObject',
    ]) {
      expect(actions).not.toContain(forbidden);
    }
    const put = policyStatements(template).find((s) => s.Action.includes('s3:PutObject'));
    expect(JSON.stringify(put?.Resource)).toMatch(/\/datasets\/\*"\]\]\}$/);
    expect(unacknowledgedNagFindings(stack)).toEqual([]);
  });

  it('grants every object without a prefix, acknowledged in the same stack too', () => {
    const stack = new Stack(createTestApp(), 'Single');
    const bucket = new s3.Bucket(stack, 'Bucket');
    new MovieRecFunction(stack, 'Fn', { entry, serviceName: 'test' }).bindBucket(bucket, 'read');
    const template = Template.fromStack(stack);
    const list = policyStatements(template).find((s) => s.Action.includes('s3:ListBucket'));
    expect(list?.Condition).toBeUndefined();
    const findings = unacknowledgedNagFindings(stack);
    expect(findings.filter((f) => f.includes('IAM5'))).toEqual([]);
  });

  it('binds read and write of the same table, but refuses a second table', () => {
    const stack = new Stack(createTestApp(), 'Twice');
    const table = new dynamodb.Table(stack, 'T', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    });
    const other = new dynamodb.Table(stack, 'U', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    });
    const fn = new MovieRecFunction(stack, 'Fn', { entry, serviceName: 'test' })
      .bindTable(table, 'read')
      .bindTable(table, 'write');
    expect(() => fn.bindTable(other, 'read')).toThrow(/TABLE_NAME is already bound/);
    const actions = allActions(Template.fromStack(stack));
    expect(actions).toEqual(
      expect.arrayContaining([...TABLE_ACTIONS.read, ...TABLE_ACTIONS.write]),
    );
  });
});

describe('MovieRecFunction bundling', () => {
  it('bundles the handler offline with the local esbuild: minified ESM and a source map', () => {
    const app = createTestApp({ bundle: true });
    const stack = new Stack(app, 'Bundled');
    new MovieRecFunction(stack, 'Fn', { entry, serviceName: 'test' });
    const assembly = app.synth();
    const template = Template.fromStack(stack);
    const [fnResource] = Object.values(template.findResources('AWS::Lambda::Function'));
    const zip = (fnResource?.Properties.Code as { S3Key: string }).S3Key;
    const dir = join(assembly.directory, `asset.${zip.replace(/\.zip$/, '')}`);
    const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
    expect(code.startsWith("import{createRequire}from'node:module'")).toBe(true);
    expect(code).toContain('"ok"');
    expect(code).toMatch(/sourceMappingURL=index\.mjs\.map/);
    expect(existsSync(join(dir, 'index.mjs.map'))).toBe(true);
    expect(code.split('\n').length).toBeLessThan(6);
  });
});
