import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { parseAppConfig } from '../../lib/app-config.ts';
import { addMovieRecStacks } from '../../lib/movierec-app.ts';
import { createTestApp } from './test-app.ts';
import type { Statement } from './test-app.ts';

/**
 * S3 answers a GetObject or HeadObject of a missing key with 404 only when the caller may also
 * list the bucket, evaluated without any `s3:prefix`; otherwise with 403 AccessDenied, which the
 * code rightly treats as an error rather than "absent". So every role of the app that reads
 * objects must hold an unconditioned s3:ListBucket on the same bucket.
 */

/** The bucket ARN an object ARN (`<bucket arn>/<keys>`) belongs to, as comparable JSON. */
function bucketOf(objectArn: unknown): string | undefined {
  if (typeof objectArn === 'string') {
    const at = objectArn.indexOf('/');
    return at < 0 ? undefined : JSON.stringify(objectArn.slice(0, at));
  }
  const join = (objectArn as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (join === undefined) return undefined;
  const [bucket, keys] = join[1];
  return typeof keys === 'string' && keys.startsWith('/') ? JSON.stringify(bucket) : undefined;
}

const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** Per role (logical id), the statements of every policy attached to it. */
function statementsByRole(template: Template): Map<string, Statement[]> {
  const byRole = new Map<string, Statement[]>();
  for (const policy of Object.values(template.findResources('AWS::IAM::Policy'))) {
    const statements = policy.Properties.PolicyDocument.Statement as Statement[];
    for (const role of policy.Properties.Roles as { Ref: string }[]) {
      byRole.set(role.Ref, [...(byRole.get(role.Ref) ?? []), ...statements]);
    }
  }
  return byRole;
}

/** The roles of `stack` that read objects, each failing check as a message. */
function checkReaders(stack: Stack): { readers: string[]; problems: string[] } {
  const readers: string[] = [];
  const problems: string[] = [];
  for (const [role, statements] of statementsByRole(Template.fromStack(stack))) {
    const read = statements.filter((s) => asArray(s.Action).includes('s3:GetObject'));
    const buckets = new Set(read.flatMap((s) => asArray(s.Resource).map(bucketOf)));
    for (const bucket of buckets) {
      if (bucket === undefined) continue;
      readers.push(role);
      const listing = statements.filter(
        (s) =>
          s.Effect === 'Allow' &&
          asArray(s.Action).includes('s3:ListBucket') &&
          asArray(s.Resource).some((r) => JSON.stringify(r) === bucket),
      );
      if (listing.length === 0) problems.push(`${role} reads ${bucket} but may not list it`);
      else if (listing.every((s) => s.Condition !== undefined)) {
        problems.push(
          `${role} may list ${bucket} only under ${JSON.stringify(listing[0]!.Condition)}`,
        );
      }
    }
  }
  return { readers, problems };
}

describe('roles reading S3 objects can tell a missing key (404) from a denied one (403)', () => {
  const { api, pipeline } = addMovieRecStacks(
    createTestApp(),
    parseAppConfig({ fargateTraining: true }),
  );

  it('the API function may list the bucket it reads, unconditioned', () => {
    const { readers, problems } = checkReaders(api);
    expect(readers.length).toBe(1);
    expect(problems).toEqual([]);
  });

  it('every pipeline function and the Fargate task role may list the bucket they read', () => {
    const { readers, problems } = checkReaders(pipeline);
    for (const role of [
      'IngestFnRole',
      'TuneTrialFnRole',
      'TrainFnRole',
      'EvaluateFnRole',
      'ShardManifestFnRole',
      'ScoreShardFnRole',
      'CatalogueFnRole',
      'PublishFnRole',
      'FargateTrainingTrainTaskTaskRole',
    ]) {
      expect(
        readers.some((reader) => reader.startsWith(role)),
        role,
      ).toBe(true);
    }
    expect(problems).toEqual([]);
  });
});
