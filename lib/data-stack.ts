import { CfnOutput, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import {
  INCOMING_PREFIX,
  TMDB_ENRICHMENT_PREFIX,
} from '../lambdas/app/pipeline/pipeline-objects.ts';
import { PROFILE_INDEX } from '../lambdas/app/serving/serving-keys.ts';

export interface DataStackProps extends StackProps {
  /** Production: the table refuses deletion and the stack refuses termination. */
  readonly protectData: boolean;
  /** Days an overwritten or deleted object version is kept before S3 removes it. */
  readonly noncurrentVersionDays?: number;
  /** Days server access logs are kept. */
  readonly accessLogDays?: number;
}

/**
 * Logical ids of the stateful resources, fixed so that renaming or moving a construct can never
 * make CloudFormation replace (and, with RETAIN, orphan) a bucket or the table.
 */
export const DATA_LOGICAL_IDS = {
  bucket: 'DataBucket',
  accessLogsBucket: 'AccessLogsBucket',
  table: 'ServingTable',
} as const;

/** The key prefixes of the data bucket (docs/architecture.md §6). */
export const DATA_PREFIXES = {
  datasets: 'datasets/',
  /** Operator ratings files every ingest adds (docs/retraining.md). */
  incoming: INCOMING_PREFIX,
  models: 'models/',
  /** TMDB records cached per movie and snapshotted per version (docs/enrichment.md). */
  enrichment: TMDB_ENRICHMENT_PREFIX,
} as const;

/** DynamoDB attribute that expires old model versions' items (docs/architecture.md §5). */
export const TTL_ATTRIBUTE = 'expiresAt';

/**
 * The stateful half of MovieRec: the S3 bucket for datasets and model versions and the single
 * DynamoDB serving table. Everything here is RETAINed on stack deletion; the stacks that compute
 * and serve can be destroyed and redeployed freely around it.
 */
export class DataStack extends Stack {
  readonly bucket: s3.Bucket;
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    const { protectData, noncurrentVersionDays = 30, accessLogDays = 365, ...stackProps } = props;
    super(scope, id, { ...stackProps, terminationProtection: protectData });

    const accessLogs = new s3.Bucket(this, 'AccessLogsBucket', {
      // Log delivery only supports SSE-S3 on the target bucket.
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(accessLogDays) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    pinLogicalId(accessLogs, DATA_LOGICAL_IDS.accessLogsBucket);
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the server access log target; logging it into itself would loop.',
    });

    this.bucket = new s3.Bucket(this, 'DataBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'data-bucket/',
      lifecycleRules: [
        {
          // Versioning protects against a bad overwrite or delete; old versions are only worth
          // keeping for that window. Delete markers left behind are cleaned up too.
          id: 'expire-noncurrent-versions',
          noncurrentVersionExpiration: Duration.days(noncurrentVersionDays),
          expiredObjectDeleteMarker: true,
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
        {
          // Model versions are never expired by age (the live model may be old when the
          // schedule is off), but superseded ones are rarely read again: Intelligent-Tiering
          // moves unread objects to cheaper tiers with no retrieval fee, so a rollback stays free.
          id: 'tier-model-versions',
          prefix: DATA_PREFIXES.models,
          transitions: [
            {
              storageClass: s3.StorageClass.INTELLIGENT_TIERING,
              transitionAfter: Duration.days(0),
            },
          ],
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    pinLogicalId(this.bucket, DATA_LOGICAL_IDS.bucket);

    this.table = new dynamodb.Table(this, 'ServingTable', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: TTL_ATTRIBUTE,
      deletionProtection: protectData,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    pinLogicalId(this.table, DATA_LOGICAL_IDS.table);
    // Sparse: only profile META items carry the partition key, so the pipeline lists every
    // profile without a Scan (serving-keys.ts).
    this.table.addGlobalSecondaryIndex({
      indexName: PROFILE_INDEX.name,
      partitionKey: { name: PROFILE_INDEX.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: PROFILE_INDEX.sortKey, type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.KEYS_ONLY,
    });

    new CfnOutput(this, 'DataBucketName', { value: this.bucket.bucketName });
    new CfnOutput(this, 'ServingTableName', { value: this.table.tableName });
  }
}

function pinLogicalId(resource: s3.Bucket | dynamodb.Table, logicalId: string): void {
  (resource.node.defaultChild as s3.CfnBucket | dynamodb.CfnTable).overrideLogicalId(logicalId);
}
