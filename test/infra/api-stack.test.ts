import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Stage } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ApiStack } from '../../lib/api-stack.ts';
import { DataStack } from '../../lib/data-stack.ts';
import { API_PATHS } from '../../lambdas/handlers/api/api-paths.ts';
import { createTestApp, policyStatements, unacknowledgedNagFindings } from './test-app.ts';

function apiStack(options: { bundle?: boolean; siteOrigin?: string } = {}) {
  const app = createTestApp({ bundle: options.bundle ?? false });
  const data = new DataStack(app, 'Data', { protectData: false });
  const stack = new ApiStack(app, 'Api', {
    table: data.table,
    bucket: data.bucket,
    ...(options.siteOrigin !== undefined && { siteOrigin: options.siteOrigin }),
    rateLimit: 50,
    burstLimit: 80,
  });
  return { stack, template: Template.fromStack(stack) };
}

describe('ApiStack', () => {
  const { stack, template } = apiStack({ siteOrigin: 'https://movies.example.com' });

  it('has one HTTP API route per API path plus the $default catch-all, all on one function', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
      (route) => route.Properties.RouteKey as string,
    );
    expect(routes.sort()).toEqual(
      [...API_PATHS.map((r) => `${r.method} ${r.path}`), '$default'].sort(),
    );
    // The web app's routes are real API Gateway routes, not left to the catch-all.
    expect(routes).toEqual(expect.arrayContaining(['GET /dashboard', 'GET /health', 'GET /model']));
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
    });
  });

  it('throttles and access-logs the stage', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 80 },
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] },
        Format: Match.stringLikeRegexp('requestId'),
      },
    });
  });

  it('keeps per-request logs and traces lean: errors only, no platform lines, no own traces', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      TracingConfig: { Mode: 'PassThrough' },
      LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'WARN', SystemLogLevel: 'WARN' },
      Environment: { Variables: Match.objectLike({ POWERTOOLS_LOG_LEVEL: 'WARN' }) },
    });
    const [stage] = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'));
    const format = JSON.parse(stage!.Properties.AccessLogSettings.Format as string) as object;
    expect(Object.keys(format)).toEqual([
      'requestId',
      'ip',
      'routeKey',
      'path',
      'status',
      'responseLength',
      'latencyMs',
      'integrationLatencyMs',
      'integrationError',
    ]);
  });

  it('allows CORS for the site origin only', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: {
        AllowOrigins: ['https://movies.example.com'],
        AllowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
        AllowHeaders: ['authorization', 'content-type'],
      },
    });
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

  it('has no CORS configuration without a site origin', () => {
    const { template: plain } = apiStack();
    const [api] = Object.values(plain.findResources('AWS::ApiGatewayV2::Api'));
    expect(api?.Properties.CorsConfiguration).toBeUndefined();
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
