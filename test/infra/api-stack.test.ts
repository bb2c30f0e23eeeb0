import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Stage } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ApiStack } from '../../lib/api-stack.ts';
import { DataStack } from '../../lib/data-stack.ts';
import { createTestApp, policyStatements, unacknowledgedNagFindings } from './test-app.ts';

function apiStack(
  options: { bundle?: boolean; siteOrigin?: string; reservedConcurrency?: number } = {},
) {
  const app = createTestApp({ bundle: options.bundle ?? false });
  const data = new DataStack(app, 'Data', { protectData: false });
  const stack = new ApiStack(app, 'Api', {
    table: data.table,
    bucket: data.bucket,
    ...(options.siteOrigin !== undefined && { siteOrigin: options.siteOrigin }),
    ...(options.reservedConcurrency !== undefined && {
      reservedConcurrency: options.reservedConcurrency,
    }),
  });
  return { stack, template: Template.fromStack(stack) };
}

describe('ApiStack', () => {
  const { stack, template } = apiStack({ siteOrigin: 'https://movies.example.com' });

  it('serves every route from one function behind an IAM-only function URL, no API Gateway', () => {
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.resourceCountIs('AWS::Lambda::Url', 1);
    template.hasResourceProperties('AWS::Lambda::Url', {
      AuthType: 'AWS_IAM',
      InvokeMode: 'BUFFERED',
      TargetFunctionArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiFunction'), 'Arn'] },
    });
    // The router answers CORS itself; the URL's own CORS would answer preflights before it.
    const [url] = Object.values(template.findResources('AWS::Lambda::Url'));
    expect(url?.Properties.Cors).toBeUndefined();
    // Nobody is granted the URL here: the Web stack's distribution grants itself (web-stack.test).
    template.resourceCountIs('AWS::Lambda::Permission', 0);
    const types = Object.values(template.toJSON().Resources as Record<string, { Type: string }>);
    expect(types.filter((r) => r.Type.startsWith('AWS::ApiGateway'))).toEqual([]);
    template.hasOutput('FunctionUrl', {});
  });

  it('reserves concurrency only when asked to', () => {
    const [fn] = Object.values(template.findResources('AWS::Lambda::Function'));
    expect(fn?.Properties.ReservedConcurrentExecutions).toBeUndefined();
    apiStack({ reservedConcurrency: 40 }).template.hasResourceProperties('AWS::Lambda::Function', {
      ReservedConcurrentExecutions: 40,
    });
  });

  it('keeps per-request logs and traces lean: errors only, no platform lines, no own traces', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      TracingConfig: { Mode: 'PassThrough' },
      LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'WARN', SystemLogLevel: 'WARN' },
      Environment: { Variables: Match.objectLike({ POWERTOOLS_LOG_LEVEL: 'WARN' }) },
    });
    // One log group, the function's: no access log line per request.
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
  });

  it('allows CORS for the site origin only', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: { ALLOWED_ORIGIN: 'https://movies.example.com', ALLOW_LOCALHOST: 'false' },
      },
    });
  });

  it('grants reads, and writes only to profile items: dynamodb:LeadingKeys PROFILE#*', () => {
    const statements = policyStatements(template);
    const actions = statements.flatMap((s) => s.Action);
    expect(actions.filter((a) => a.startsWith('dynamodb:')).sort()).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
    expect(actions.filter((a) => a.startsWith('s3:')).sort()).toEqual([
      's3:GetObject',
      's3:ListBucket',
    ]);
    for (const statement of statements) {
      const writes = statement.Action.filter(
        (a) => /^(dynamodb|s3):/.test(a) && /Put|Update|Delete|Write|\*/.test(a),
      );
      if (writes.length === 0) continue;
      // Every write is conditioned on the leading key, and no statement mixes writes with reads.
      expect(writes.sort()).toEqual([
        'dynamodb:DeleteItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
      ]);
      expect(statement.Action).toHaveLength(3);
      expect(statement).toMatchObject({
        Effect: 'Allow',
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['PROFILE#*'] } },
      });
    }
    const getObject = statements.find((s) => s.Action.includes('s3:GetObject'));
    // models/* covers the model files and models/<version>/web/dashboard.json (GET /dashboard).
    expect(JSON.stringify(getObject?.Resource)).toContain('/models/*');
  });

  it('passes cdk-nag AwsSolutions with written acknowledgements', () => {
    expect(unacknowledgedNagFindings(stack)).toEqual([]);
  });

  it('bundles the handler within the 250 KB budget (the one bundling test)', () => {
    const { stack: bundled } = apiStack({ bundle: true });
    const assembly = Stage.of(bundled)!.synth();
    const assets = readdirSync(assembly.directory).filter((name) => name.startsWith('asset.'));
    const bundles = assets
      .map((dir) => join(assembly.directory, dir, 'index.mjs'))
      .filter((file) => {
        try {
          return statSync(file).isFile();
        } catch {
          return false;
        }
      });
    expect(bundles).toHaveLength(1);
    expect(statSync(bundles[0]!).size).toBeLessThanOrEqual(250 * 1024);
    // The read path signs its own requests: no AWS SDK module is loaded, at init or later.
    expect(readFileSync(bundles[0]!, 'utf8')).not.toMatch(/["']@aws-sdk\//);
  });
});
