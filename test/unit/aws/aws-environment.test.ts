import { describe, expect, it } from 'vitest';
import { awsEnvironment } from '../../../lambdas/aws/aws-environment.ts';

const lambda = {
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'secret',
  AWS_SESSION_TOKEN: 'token',
};

describe('awsEnvironment', () => {
  it('uses the regional endpoints and virtual-hosted S3 URLs on AWS', () => {
    const aws = awsEnvironment(lambda);
    expect(aws.region).toBe('eu-west-1');
    expect(aws.credentials).toEqual({
      accessKeyId: 'ASIAEXAMPLE',
      secretAccessKey: 'secret',
      sessionToken: 'token',
    });
    expect(aws.dynamodbEndpoint).toBe('https://dynamodb.eu-west-1.amazonaws.com');
    expect(aws.s3ObjectUrl('data', 'models/v1/web/dashboard.json')).toBe(
      'https://data.s3.eu-west-1.amazonaws.com/models/v1/web/dashboard.json',
    );
    expect(awsEnvironment({ ...lambda, AWS_REGION: 'cn-north-1' }).dynamodbEndpoint).toBe(
      'https://dynamodb.cn-north-1.amazonaws.com.cn',
    );
  });

  it('honours the endpoint overrides, path-style for S3, keys percent-encoded', () => {
    const aws = awsEnvironment({
      ...lambda,
      AWS_SESSION_TOKEN: '',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:4567/',
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:4568',
    });
    expect(aws.credentials).not.toHaveProperty('sessionToken');
    expect(aws.dynamodbEndpoint).toBe('http://127.0.0.1:4567');
    expect(aws.s3ObjectUrl('data', 'models/v 1/a+b.json')).toBe(
      'http://127.0.0.1:4568/data/models/v%201/a%2Bb.json',
    );
    const both = awsEnvironment({ ...lambda, AWS_ENDPOINT_URL: 'http://localhost:4566' });
    expect(both.dynamodbEndpoint).toBe('http://localhost:4566');
    expect(both.s3ObjectUrl('data', 'k')).toBe('http://localhost:4566/data/k');
  });

  it('names every missing variable and refuses unusable endpoints', () => {
    expect(() => awsEnvironment({})).toThrow(
      'Invalid AWS environment: AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY not set',
    );
    expect(
      awsEnvironment({ ...lambda, AWS_REGION: undefined, AWS_DEFAULT_REGION: 'us-east-2' }).region,
    ).toBe('us-east-2');
    expect(() => awsEnvironment({ ...lambda, AWS_ENDPOINT_URL_S3: 'localhost:4568' })).toThrow(
      /AWS_ENDPOINT_URL_S3 must be http\(s\)/,
    );
    expect(() => awsEnvironment({ ...lambda, AWS_ENDPOINT_URL_S3: 'not a url' })).toThrow(
      /AWS_ENDPOINT_URL_S3 is not a URL/,
    );
    expect(() =>
      awsEnvironment({ ...lambda, AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:1/ddb' }),
    ).toThrow(/AWS_ENDPOINT_URL_DYNAMODB must have no path/);
  });
});
