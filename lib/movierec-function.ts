import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { LAMBDA_ESBUILD } from './lambda-bundling.ts';
import { acknowledgeWildcardResources } from './nag-acknowledgements.ts';

/**
 * CloudFormation Metadata keys on each function naming the source it is built from: the entry
 * file relative to the repository root and its exported handler. The local stack binds each
 * function of the synthesized template to its code through them.
 */
export const ENTRY_METADATA = 'movierec:entry';
export const HANDLER_METADATA = 'movierec:handler';

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));

/** What a function may do with a bound table or bucket. Bind twice for both. */
export type Access = 'read' | 'write';

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

/** Environment variables set by the `bind*` methods; the Lambda code reads these names. */
export const TABLE_ENV = 'TABLE_NAME';
export const BUCKET_ENV = 'BUCKET_NAME';

/**
 * DynamoDB actions per access, only those the access patterns of docs/architecture.md §5 use: no
 * Scan, no DeleteItem (old versions expire by TTL).
 */
export const TABLE_ACTIONS: Readonly<Record<Access, readonly string[]>> = {
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
  write: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'],
};

export interface MovieRecFunctionProps {
  /** Absolute path of the TypeScript file exporting the handler. */
  readonly entry: string;
  /** Exported handler name. @default 'handler' */
  readonly handler?: string;
  readonly description?: string;
  /** Powertools service name: the `service` key of every log line, trace and metric. */
  readonly serviceName: string;
  /** @default 'MovieRec' */
  readonly metricsNamespace?: string;
  /** @default 'INFO' */
  readonly logLevel?: LogLevel;
  /**
   * For a function invoked once per request: Lambda's advanced logging controls (JSON format)
   * drop the platform's START, END and REPORT lines (duration and memory are in the AWS/Lambda
   * metrics anyway) and filter the function's own lines at `logLevel`, which Powertools then
   * follows. @default false: every platform line, Powertools alone applies `logLevel`
   */
  readonly leanLogs?: boolean;
  /**
   * X-Ray tracing. Active tracing samples at a fixed rate that no sampling rule changes (1
   * request a second plus 5%), so at low traffic it traces nearly every invocation; PassThrough
   * traces only invocations an upstream caller sampled. @default Active
   */
  readonly tracing?: lambda.Tracing;
  /** @default one month */
  readonly logRetention?: logs.RetentionDays;
  /** @default 512 */
  readonly memorySize?: number;
  /** @default 10 seconds */
  readonly timeout?: Duration;
  /** Concurrent executions reserved for the function, which are also its ceiling. @default none */
  readonly reservedConcurrentExecutions?: number;
  /** Extra variables; table and bucket names come from `bindTable`/`bindBucket`. */
  readonly environment?: Readonly<Record<string, string>>;
}

/**
 * The one Lambda function construct of MovieRec: every function gets the newest Node.js
 * runtime, arm64, an ESM bundle minified by the local esbuild with source maps, X-Ray tracing,
 * the Powertools settings, and its own log group with a retention. Its role starts empty apart
 * from writing to that log group (no AWS managed policy); `bindTable` and `bindBucket` add the
 * environment variable and the least-privilege grant together, so code never finds a name it
 * may not use.
 */
export class MovieRecFunction extends NodejsFunction {
  private readonly serviceRole: iam.Role;
  private readonly bound: Map<string, string>;

  constructor(scope: Construct, id: string, props: MovieRecFunctionProps) {
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${id}`,
    });
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      // The logs belong to the function: they go with it, within the retention anyway.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    logGroup.grantWrite(role);

    super(scope, id, {
      entry: props.entry,
      handler: props.handler ?? 'handler',
      description: props.description,
      // Keep LAMBDA_NODE_MAJOR (the bundles' target) in step with the runtime.
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: props.tracing ?? lambda.Tracing.ACTIVE,
      ...(props.reservedConcurrentExecutions !== undefined && {
        reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      }),
      role,
      logGroup,
      ...(props.leanLogs === true && {
        loggingFormat: lambda.LoggingFormat.JSON,
        systemLogLevelV2: lambda.SystemLogLevel.WARN,
        applicationLogLevelV2: lambda.ApplicationLogLevel[props.logLevel ?? 'INFO'],
      }),
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_METRICS_NAMESPACE: props.metricsNamespace ?? 'MovieRec',
        POWERTOOLS_LOG_LEVEL: props.logLevel ?? 'INFO',
        ...props.environment,
      },
      // The settings of lambda-bundling.ts, which the bench's bundle-size budget uses too.
      bundling: {
        format: OutputFormat.ESM,
        target: LAMBDA_ESBUILD.target,
        minify: LAMBDA_ESBUILD.minify,
        sourceMap: LAMBDA_ESBUILD.sourcemap,
        sourcesContent: LAMBDA_ESBUILD.sourcesContent,
        mainFields: [...LAMBDA_ESBUILD.mainFields],
        externalModules: [...LAMBDA_ESBUILD.external],
        banner: LAMBDA_ESBUILD.banner,
      },
    });
    this.serviceRole = role;
    this.bound = new Map();
    const cfnFunction = this.node.defaultChild as lambda.CfnFunction;
    cfnFunction.addMetadata(
      ENTRY_METADATA,
      relative(repositoryRoot, props.entry).split(sep).join('/'),
    );
    cfnFunction.addMetadata(HANDLER_METADATA, props.handler ?? 'handler');

    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only the X-Ray actions of active tracing (PutTraceSegments, PutTelemetryRecords) use "*": they support no resource-level permissions.',
    });
  }

  /**
   * Sets `TABLE_NAME` and grants the DynamoDB actions of `access` on the table itself, not its
   * indexes: a function that queries an index is granted that one index by
   * {@link bindTableActions}.
   */
  bindTable(table: ITable, access: Access): this {
    return this.bindTableActions(table, TABLE_ACTIONS[access]);
  }

  /**
   * Sets `TABLE_NAME` and grants exactly `actions`, on the table or, given `index`, on that one
   * index: for a function that needs less than a whole access of {@link TABLE_ACTIONS}.
   */
  bindTableActions(table: ITable, actions: readonly string[], index?: string): this {
    this.bindEnvironment(TABLE_ENV, table.tableName);
    this.addToRolePolicy(
      new iam.PolicyStatement({
        actions: [...actions],
        resources: [index === undefined ? table.tableArn : `${table.tableArn}/index/${index}`],
      }),
    );
    table.encryptionKey?.grantDecrypt(this);
    return this;
  }

  /**
   * Sets `BUCKET_NAME` and grants `access` to the objects under `prefix` (e.g. `models/`), or to
   * all objects without one. Read: GetObject under the prefix, and ListBucket on the bucket with
   * no condition: S3 answers a missing key with 404 only to a caller allowed to list the bucket,
   * and that check carries no `s3:prefix`, so a prefix-conditioned grant turns every "absent"
   * into a 403 AccessDenied (listing reveals key names, never contents). Write: PutObject
   * (multipart included) and AbortMultipartUpload; never delete.
   */
  bindBucket(bucket: IBucket, access: Access, prefix?: string): this {
    const keys = `${prefix ?? ''}*`;
    const objects = bucket.arnForObjects(keys);
    this.bindEnvironment(BUCKET_ENV, bucket.bucketName);
    if (access === 'read') {
      this.addToRolePolicy(
        new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [objects] }),
      );
      this.addToRolePolicy(
        new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }),
      );
      bucket.encryptionKey?.grantDecrypt(this);
    } else {
      this.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['s3:PutObject', 's3:AbortMultipartUpload'],
          resources: [objects],
        }),
      );
      bucket.encryptionKey?.grantEncryptDecrypt(this);
    }
    acknowledgeWildcardResources(
      this.serviceRole,
      [objects],
      `Object-level S3 ${access} access is granted on key prefix "${keys}": object keys under a prefix cannot be listed in a policy.`,
    );
    return this;
  }

  private bindEnvironment(name: string, value: string): void {
    const previous = this.bound.get(name);
    if (previous === undefined) {
      this.bound.set(name, value);
      this.addEnvironment(name, value);
    } else if (previous !== value) {
      throw new Error(`${this.node.path}: ${name} is already bound to another resource.`);
    }
  }
}
