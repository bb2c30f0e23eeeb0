import { describe, expect, it } from 'vitest';
import { parseServingConfig } from '../../../lambdas/aws/serving-config.ts';

describe('parseServingConfig', () => {
  it('reads the bound names and defaults the rest', () => {
    expect(parseServingConfig({ TABLE_NAME: 't', BUCKET_NAME: 'b' })).toEqual({
      tableName: 't',
      bucketName: 'b',
      allowedOrigins: [],
      allowLocalhost: false,
      modelCacheSeconds: 60,
      profileLimits: { maxRatings: 5000, writesPerMinute: 120, creationsPerHour: 30 },
    });
  });

  it('takes the profile limits from the environment, each a positive whole number', () => {
    const config = parseServingConfig({
      TABLE_NAME: 't',
      BUCKET_NAME: 'b',
      PROFILE_MAX_RATINGS: '10',
      PROFILE_WRITES_PER_MINUTE: '3',
      PROFILE_CREATIONS_PER_HOUR: '100000',
    });
    expect(config.profileLimits).toEqual({
      maxRatings: 10,
      writesPerMinute: 3,
      creationsPerHour: 100_000,
    });
    expect(() =>
      parseServingConfig({ TABLE_NAME: 't', BUCKET_NAME: 'b', PROFILE_WRITES_PER_MINUTE: '0' }),
    ).toThrow(/PROFILE_WRITES_PER_MINUTE/);
    expect(() =>
      parseServingConfig({ TABLE_NAME: 't', BUCKET_NAME: 'b', PROFILE_MAX_RATINGS: '20000' }),
    ).toThrow(/PROFILE_MAX_RATINGS/);
  });

  it('splits origins and parses flags and the cache time', () => {
    const config = parseServingConfig({
      TABLE_NAME: 't',
      BUCKET_NAME: 'b',
      ALLOWED_ORIGIN: 'https://a.example, https://b.example',
      ALLOW_LOCALHOST: 'true',
      MODEL_CACHE_SECONDS: '5',
    });
    expect(config.allowedOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.allowLocalhost).toBe(true);
    expect(config.modelCacheSeconds).toBe(5);
  });

  it('names every missing or bad variable, and caps the pointer cache at 60 s', () => {
    expect(() => parseServingConfig({ MODEL_CACHE_SECONDS: '600' })).toThrow(
      /TABLE_NAME[\s\S]*BUCKET_NAME[\s\S]*MODEL_CACHE_SECONDS/,
    );
  });
});
