import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
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
  /**
   * Concurrent executions reserved for the function, which also cap it: the API's throttle
   * (callers beyond it get 429). @default none: the function shares the account's pool
   */
  readonly reservedConcurrency?: number;
}

const HANDLER_ENTRY = fileURLToPath(
  new URL('../lambdas/handlers/api/api-handler.ts', import.meta.url),
);

/**
 * The public API (docs/architecture.md §4): one small router function behind a Lambda function
 * URL that only IAM-signed callers may invoke, i.e. the Web stack's CloudFront distribution
 * through origin access control (no API Gateway: its $1.00 per million requests was half the
 * cost budget, docs/deploy.md). The function may read the serving table and the `models/`
 * prefix of the data bucket, and write only profile items.
 */
export class ApiStack extends Stack {
  readonly handler: MovieRecFunction;
  /** The function URL (AuthType AWS_IAM): CloudFront's `/api/*` origin. */
  readonly functionUrl: lambda.FunctionUrl;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    const {
      table,
      bucket,
      siteOrigin,
      allowLocalhost = false,
      reservedConcurrency,
      ...stackProps
    } = props;
    super(scope, id, stackProps);

    this.handler = new MovieRecFunction(this, 'ApiFunction', {
      entry: HANDLER_ENTRY,
      description: 'MovieRec API: every route (router with one schema per route)',
      serviceName: 'movierec-api',
      // More memory is more CPU: the fold-in and the first model load are CPU-bound.
      memorySize: 1024,
      // Per-request cost (docs/deploy.md): no platform lines and no info lines, errors only;
      // CloudFront's standard logs keep the access record. CloudFront sends no trace header, so
      // PassThrough records no traces: the API's latency is in its metrics, its failures in its
      // error lines.
      logLevel: 'WARN',
      leanLogs: true,
      tracing: lambda.Tracing.PASS_THROUGH,
      timeout: Duration.seconds(10),
      ...(reservedConcurrency !== undefined && {
        reservedConcurrentExecutions: reservedConcurrency,
      }),
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

    // AWS_IAM: no resource policy grants anyone the URL here; the Web stack's origin grants
    // lambda:InvokeFunctionUrl to CloudFront for its one distribution. The router answers
    // CORS itself (ALLOWED_ORIGIN), so the URL has no CORS configuration of its own.
    this.functionUrl = this.handler.addFunctionUrl({
      authType: lambda.FunctionUrlAuthType.AWS_IAM,
      invokeMode: lambda.InvokeMode.BUFFERED,
    });

    new CfnOutput(this, 'FunctionUrl', {
      value: this.functionUrl.url,
      description:
        "The API function's URL: SigV4-signed callers only; the public API is the Web stack's ApiUrl",
    });
  }
}
