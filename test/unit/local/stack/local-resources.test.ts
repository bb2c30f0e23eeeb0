import { describe, expect, it } from 'vitest';
import { localResources } from '../../../../lambdas/local/stack/local-resources.ts';
import type { CfnTemplate } from '../../../../lambdas/local/stack/local-resources.ts';

const pseudo = { region: 'eu-west-1', accountId: '000000000000' };

const data: CfnTemplate = {
  Resources: {
    DataBucket: { Type: 'AWS::S3::Bucket' },
    ServingTable: { Type: 'AWS::DynamoDB::Table' },
    NamedBucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'my-named-bucket' } },
    VeryLongLogicalIdOfABucketThatGoesOnAndOnAndOnForeverAndEver0123ABCD: {
      Type: 'AWS::S3::Bucket',
    },
  },
};
const pipeline: CfnTemplate = {
  Resources: {
    IngestFn: { Type: 'AWS::Lambda::Function' },
    Topic: { Type: 'AWS::SNS::Topic' },
    Machine: { Type: 'AWS::StepFunctions::StateMachine' },
    Cluster: { Type: 'AWS::ECS::Cluster' },
    Task: { Type: 'AWS::ECS::TaskDefinition', Properties: { Family: 'TrainFamily' } },
    Custom: { Type: 'Custom::Thing' },
  },
};
const templates = { 'MovieRec-dev-Data': data, 'MovieRec-dev-Pipeline': pipeline };

describe('localResources', () => {
  const resources = localResources(templates, pseudo);
  const dataStack = resources['MovieRec-dev-Data']!;
  const pipelineStack = resources['MovieRec-dev-Pipeline']!;

  it('names buckets validly for S3, after the stack and logical id', () => {
    expect(dataStack.DataBucket).toEqual({
      ref: 'movierec-dev-data-databucket',
      attributes: {
        Arn: 'arn:aws:s3:::movierec-dev-data-databucket',
        DomainName: 'movierec-dev-data-databucket.s3.amazonaws.com',
        RegionalDomainName: 'movierec-dev-data-databucket.s3.eu-west-1.amazonaws.com',
        DualStackDomainName: 'movierec-dev-data-databucket.s3.dualstack.eu-west-1.amazonaws.com',
        WebsiteURL: 'http://movierec-dev-data-databucket.s3-website-eu-west-1.amazonaws.com',
      },
    });
    const long = Object.values(dataStack).map((r) => r.ref);
    for (const name of long.filter((n) => n.startsWith('movierec'))) {
      expect(name).toMatch(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/);
    }
  });

  it('keeps a name given in the template', () => {
    expect(dataStack.NamedBucket?.ref).toBe('my-named-bucket');
    expect(pipelineStack.Task?.ref).toBe(
      'arn:aws:ecs:eu-west-1:000000000000:task-definition/TrainFamily:1',
    );
  });

  it('gives tables a readable name with Arn and StreamArn', () => {
    expect(dataStack.ServingTable?.ref).toBe('MovieRec-dev-Data-ServingTable');
    expect(dataStack.ServingTable?.attributes.Arn).toBe(
      'arn:aws:dynamodb:eu-west-1:000000000000:table/MovieRec-dev-Data-ServingTable',
    );
    expect(dataStack.ServingTable?.attributes.StreamArn).toMatch(/table\/.+\/stream\//);
  });

  it('returns names or ARNs from Ref as CloudFormation does for each type', () => {
    expect(pipelineStack.IngestFn).toEqual({
      ref: 'MovieRec-dev-Pipeline-IngestFn',
      attributes: {
        Arn: 'arn:aws:lambda:eu-west-1:000000000000:function:MovieRec-dev-Pipeline-IngestFn',
      },
    });
    expect(pipelineStack.Topic?.ref).toBe(
      'arn:aws:sns:eu-west-1:000000000000:MovieRec-dev-Pipeline-Topic',
    );
    expect(pipelineStack.Machine?.ref).toBe(
      'arn:aws:states:eu-west-1:000000000000:stateMachine:MovieRec-dev-Pipeline-Machine',
    );
    expect(pipelineStack.Cluster?.attributes.Arn).toBe(
      'arn:aws:ecs:eu-west-1:000000000000:cluster/MovieRec-dev-Pipeline-Cluster',
    );
    expect(pipelineStack.Custom?.ref).toBe('MovieRec-dev-Pipeline-Custom');
  });

  it('is deterministic and uses the region and partition given', () => {
    expect(localResources(templates, pseudo)).toEqual(resources);
    const china = localResources(templates, { region: 'cn-north-1', accountId: '1' });
    expect(china['MovieRec-dev-Pipeline']?.IngestFn?.attributes.Arn).toMatch(
      /^arn:aws-cn:lambda:cn-north-1:1:function:/,
    );
  });
});
