import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { API_PATHS } from '../lambdas/handlers/api/api-paths.ts';
import { MODELS_PREFIX } from '../lambdas/app/serving/serving-artifacts.ts';
import { PROFILE_PREFIX } from '../lambdas/app/serving/serving-keys.ts';
import { MovieRecFunction } from './movierec-function.ts';

export interface ApiStackProps extends StackProps {
  readonly table: ITable;
  readonly bucket: IBucket;
  /**
   * The web app's origin (e.g. `https://d111111abcdef8.cloudfront.net`), the only browser origin
   * CORS allows. Same-origin calls through CloudFront's `/api/*` need no CORS at all.
   */
  readonly siteOrigin?: string;
  /** Allow http://localhost:* too (for a local web app against this API). @default false */
  readonly allowLocalhost?: boolean;
  /** Steady-state requests per second across the stage. @default 100 */
  readonly rateLimit?: number;
  /** Burst bucket size. @default 200 */
  readonly burstLimit?: number;
  /** @default one month */
  readonly accessLogRetention?: logs.RetentionDays;
}

const HANDLER_ENTRY = fileURLToPath(
  new URL('../lambdas/handlers/api/api-handler.ts', import.meta.url),
);

/**
 * The public API (docs/architecture.md §4): an HTTP API whose routes, one per entry of API_PATHS plus a
 * `$default` catch-all (so unknown paths get the API's JSON 404), all invoke one small router
 * function. The function may read the serving table and the `models/` prefix of the data
 * bucket, and write only profile items; the stage is throttled and access-logged.
 */
export class ApiStack extends Stack {
  readonly api: apigwv2.HttpApi;
  readonly handler: MovieRecFunction;
  /** `https://<id>.execute-api.<region>.amazonaws.com/` */
  readonly url: string;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    const {
      table,
      bucket,
      siteOrigin,
      allowLocalhost = false,
      rateLimit = 100,
      burstLimit = 200,
      accessLogRetention = logs.RetentionDays.ONE_MONTH,
      ...stackProps
    } = props;
    super(scope, id, stackProps);

    this.handler = new MovieRecFunction(this, 'ApiFunction', {
      entry: HANDLER_ENTRY,
      description: 'MovieRec HTTP API: every route (router with one schema per route)',
      serviceName: 'movierec-api',
      // More memory is more CPU: the fold-in and the first model load are CPU-bound.
      memorySize: 1024,
      // Per-request cost (docs/deploy.md): no platform lines and no info lines, errors only; the
      // access log has a line per request. HTTP APIs send no trace header, so PassThrough records
      // no traces: the API's latency is in its metrics, its failures in its error lines.
      logLevel: 'WARN',
      leanLogs: true,
      tracing: lambda.Tracing.PASS_THROUGH,
      timeout: Duration.seconds(10),
      environment: {
        ALLOWED_ORIGIN: siteOrigin ?? '',
        ALLOW_LOCALHOST: String(allowLocalhost),
      },
    })
      .bindTable(table, 'read')
      .bindBucket(bucket, 'read', MODELS_PREFIX);
    // Profiles are the one thing the API writes: single-item writes, and only to items whose
    // partition key starts with PROFILE# (docs/profiles.md). Everything else stays read-only.
    this.handler.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
        resources: [table.tableArn],
        conditions: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${PROFILE_PREFIX}*`] },
        },
      }),
    );

    const integration = new HttpLambdaIntegration('ApiIntegration', this.handler);
    this.api = new apigwv2.HttpApi(this, 'HttpApi', {
      description: 'MovieRec public API',
      createDefaultStage: false,
      defaultIntegration: integration,
      ...(siteOrigin !== undefined && {
        corsPreflight: {
          allowOrigins: [siteOrigin],
          allowMethods: [
            apigwv2.CorsHttpMethod.GET,
            apigwv2.CorsHttpMethod.POST,
            apigwv2.CorsHttpMethod.PUT,
            apigwv2.CorsHttpMethod.DELETE,
            apigwv2.CorsHttpMethod.OPTIONS,
          ],
          allowHeaders: ['authorization', 'content-type'],
          exposeHeaders: ['retry-after'],
          maxAge: Duration.minutes(10),
        },
      }),
    });
    for (const route of API_PATHS) {
      this.api.addRoutes({
        path: route.path,
        methods: [apigwv2.HttpMethod[route.method]],
        integration,
      });
    }

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: accessLogRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const stage = new apigwv2.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit, burstLimit },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(accessLogs),
        // One line per request, the API's only one on success (~250 bytes): the event's own
        // timestamp stands for the request time, and the user agent is left out.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            routeKey: '$context.routeKey',
            path: '$context.path',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
    this.url = stage.url;

    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'A public recommendation API by design (docs/architecture.md §4): no account identity exists to authorise; profile routes check their own bearer token in the function (docs/profiles.md), and abuse is bounded by per-profile and per-address limits and stage throttling.',
    });

    new CfnOutput(this, 'ApiUrl', { value: stage.url });
  }
}
