import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { DATA_LOGICAL_IDS, DataStack, TTL_ATTRIBUTE } from '../../lib/data-stack.ts';
import { SERVING_TABLE_KEYS } from '../fixtures/serving-table-keys.ts';
import { createTestApp, unacknowledgedNagFindings } from './test-app.ts';

function synth(protectData: boolean) {
  const stack = new DataStack(createTestApp(), 'Data', { protectData });
  return { stack, template: Template.fromStack(stack) };
}

describe('DataStack', () => {
  const { stack, template } = synth(false);
  const resources = template.toJSON().Resources as Record<string, Record<string, unknown>>;

  it('keeps the stateful resources at their pinned logical ids, retained on delete and replace', () => {
    expect(resources[DATA_LOGICAL_IDS.bucket]?.Type).toBe('AWS::S3::Bucket');
    expect(resources[DATA_LOGICAL_IDS.accessLogsBucket]?.Type).toBe('AWS::S3::Bucket');
    expect(resources[DATA_LOGICAL_IDS.table]?.Type).toBe('AWS::DynamoDB::Table');
    for (const id of Object.values(DATA_LOGICAL_IDS)) {
      expect(resources[id]).toMatchObject({
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
    }
  });

  it('encrypts, versions and fully blocks public access to the data bucket, logging its access', () => {
    expect(resources[DATA_LOGICAL_IDS.bucket]?.Properties).toMatchObject({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
        ],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LoggingConfiguration: { DestinationBucketName: { Ref: DATA_LOGICAL_IDS.accessLogsBucket } },
    });
  });

  it('expires noncurrent versions and tiers model versions without ever expiring them', () => {
    const rules = (
      resources[DATA_LOGICAL_IDS.bucket]?.Properties as {
        LifecycleConfiguration: { Rules: Record<string, unknown>[] };
      }
    ).LifecycleConfiguration.Rules;
    expect(rules).toContainEqual(
      expect.objectContaining({
        NoncurrentVersionExpiration: { NoncurrentDays: 30 },
        ExpiredObjectDeleteMarker: true,
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
        Status: 'Enabled',
      }),
    );
    expect(rules).toContainEqual(
      expect.objectContaining({
        Prefix: 'models/',
        Transitions: [{ StorageClass: 'INTELLIGENT_TIERING', TransitionInDays: 0 }],
        Status: 'Enabled',
      }),
    );
    expect(rules.filter((r) => 'ExpirationInDays' in r)).toEqual([]);
  });

  it('denies every non-TLS or pre-TLS-1.2 request to both buckets', () => {
    for (const bucket of [DATA_LOGICAL_IDS.bucket, DATA_LOGICAL_IDS.accessLogsBucket]) {
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: bucket },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 's3:*',
              Principal: { AWS: '*' },
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    }
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: DATA_LOGICAL_IDS.bucket },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } },
          }),
        ]),
      },
    });
  });

  it('keeps access logs encrypted, private and for a year', () => {
    expect(resources[DATA_LOGICAL_IDS.accessLogsBucket]?.Properties).toMatchObject({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
        ],
      },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, RestrictPublicBuckets: true },
      LifecycleConfiguration: { Rules: [{ ExpirationInDays: 365, Status: 'Enabled' }] },
    });
  });

  it('serves from one on-demand pk/sk table with PITR and TTL on expiresAt', () => {
    expect(resources[DATA_LOGICAL_IDS.table]?.Properties).toMatchObject({
      ...SERVING_TABLE_KEYS,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
    });
    expect(TTL_ATTRIBUTE).toBe('expiresAt');
  });

  it('leaves deletion protection off outside production', () => {
    expect(resources[DATA_LOGICAL_IDS.table]?.Properties).not.toHaveProperty(
      'DeletionProtectionEnabled',
      true,
    );
    expect(stack.terminationProtection).toBe(false);
  });

  it('protects the table and the stack when asked (production)', () => {
    const prod = synth(true);
    prod.template.hasResourceProperties('AWS::DynamoDB::Table', {
      DeletionProtectionEnabled: true,
    });
    expect(prod.stack.terminationProtection).toBe(true);
  });

  it('passes the cdk-nag AwsSolutions checks, the log bucket acknowledged with a reason', () => {
    expect(unacknowledgedNagFindings(stack)).toEqual([]);
    const logsBucket = stack.node.findChild('AccessLogsBucket');
    const acknowledged = logsBucket.node.metadata.find(
      (m) => m.type === 'aws:cdk:acknowledged-rules',
    );
    expect(Object.values(acknowledged?.data as Record<string, string>)).toEqual([
      expect.stringMatching(/log/),
    ]);
  });
});
