import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, isProductionStage, parseAppConfig } from '../../lib/app-config.ts';

describe('parseAppConfig', () => {
  it('fills every default when no context is given', () => {
    expect(parseAppConfig({})).toEqual({
      stage: 'dev',
      dataset: 'ml-latest-small',
      scheduleEnabled: false,
      topN: 20,
      shardConcurrency: 5,
      fargateTraining: true,
      tmdb: false,
      tuningTrials: 8,
    });
  });

  it('accepts the string forms that `-c key=value` produces', () => {
    const config = parseAppConfig({
      stage: 'prod',
      dataset: 'ml-25m',
      scheduleEnabled: 'true',
      topN: '50',
      alarmEmail: 'ops@example.com',
      fargateTraining: 'false',
      shardConcurrency: '40',
      apiReservedConcurrency: '50',
      tmdb: 'true',
      tmdbSecretName: 'movierec/tmdb-token',
      tuningTrials: '0',
    });
    expect(config).toEqual({
      stage: 'prod',
      dataset: 'ml-25m',
      scheduleEnabled: true,
      topN: 50,
      alarmEmail: 'ops@example.com',
      fargateTraining: false,
      shardConcurrency: 40,
      apiReservedConcurrency: 50,
      tmdb: true,
      tmdbSecretName: 'movierec/tmdb-token',
      tuningTrials: 0,
    });
    expect(isProductionStage(config)).toBe(true);
  });

  it('accepts JSON values from cdk.json and an s3:// dataset', () => {
    const config = parseAppConfig({
      scheduleEnabled: true,
      topN: 10,
      dataset: 's3://my-bucket/uploads/ratings.zip',
      fargateTraining: false,
    });
    expect(config.scheduleEnabled).toBe(true);
    expect(config.fargateTraining).toBe(false);
    expect(config.topN).toBe(10);
    expect(config.dataset).toBe('s3://my-bucket/uploads/ratings.zip');
    expect(isProductionStage(config)).toBe(false);
  });

  it('ignores keys given as undefined (context not set)', () => {
    expect(parseAppConfig({ stage: undefined }).stage).toBe('dev');
  });

  it('rejects bad values naming every bad key', () => {
    const bad = () =>
      parseAppConfig({
        stage: 'Prod_1',
        dataset: 'ml-99m',
        scheduleEnabled: 'maybe',
        topN: '0',
        alarmEmail: 'nobody',
        fargateTraining: 'sometimes',
        shardConcurrency: '0',
        apiReservedConcurrency: '0',
        tuningTrials: '51',
        domainName: 'Movies_Site',
        certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/x',
        tmdb: 'perhaps',
        tmdbSecretName: 'no spaces allowed',
      });
    expect(bad).toThrow(/Invalid CDK context/);
    for (const key of CONFIG_KEYS) expect(bad).toThrow(new RegExp(`→ at ${key}`));
  });

  it('takes a custom domain only together with its us-east-1 certificate', () => {
    const certificateArn =
      'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';
    expect(parseAppConfig({ domainName: 'movies.example.com', certificateArn })).toMatchObject({
      domainName: 'movies.example.com',
      certificateArn,
    });
    expect(() => parseAppConfig({ domainName: 'movies.example.com' })).toThrow(
      /give both or neither/,
    );
    expect(() => parseAppConfig({ certificateArn })).toThrow(/give both or neither/);
  });

  it('rejects unknown keys', () => {
    expect(() => parseAppConfig({ topn: 5 })).toThrow(/topn/);
  });
});
