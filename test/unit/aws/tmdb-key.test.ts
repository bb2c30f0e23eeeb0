import { describe, expect, it } from 'vitest';
import { secretString } from '../../../lambdas/aws/secrets-manager-secret.ts';
import type { SignedSend } from '../../../lambdas/aws/signed-send.ts';
import { parseTmdbConfig } from '../../../lambdas/aws/tmdb-config.ts';
import { tmdbKey } from '../../../lambdas/aws/tmdb-key.ts';

const ENV = {
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'secret',
};
const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:TmdbKey-abc123';

describe('the TMDB key', () => {
  it('is TMDB_API_KEY when set, without asking Secrets Manager', async () => {
    const read = () => Promise.reject(new Error('not asked'));
    expect(await tmdbKey({ key: 'token', secretArn: ARN }, read)).toBe('token');
  });

  it("is the secret's value, or none while the secret holds the stack's placeholder", async () => {
    const config = { key: undefined, secretArn: ARN };
    expect(await tmdbKey(config, () => Promise.resolve(' eyJhbGciOi.token \n'))).toBe(
      'eyJhbGciOi.token',
    );
    const placeholder = JSON.stringify({ placeholder: true, value: 'x7#Qz' });
    expect(await tmdbKey(config, () => Promise.resolve(placeholder))).toBeUndefined();
    expect(
      await tmdbKey({ key: undefined, secretArn: undefined }, () => Promise.resolve('x')),
    ).toBeUndefined();
  });
});

describe('secretString', () => {
  it('calls GetSecretValue with the secret id and reads SecretString', async () => {
    const calls: { url: string; target?: string; body?: string }[] = [];
    const send: SignedSend = (url, init) => {
      calls.push({ url, target: init.headers?.['x-amz-target'], body: init.body });
      return Promise.resolve({
        status: 200,
        body: Buffer.from(JSON.stringify({ ARN, SecretString: 'the-token' })),
      });
    };
    expect(await secretString(ARN, { env: ENV, send })).toBe('the-token');
    expect(calls).toEqual([
      {
        url: 'https://secretsmanager.eu-west-1.amazonaws.com/',
        target: 'secretsmanager.GetSecretValue',
        body: JSON.stringify({ SecretId: ARN }),
      },
    ]);
  });

  it("names the service's error, not the value", async () => {
    const send: SignedSend = () =>
      Promise.resolve({
        status: 400,
        body: Buffer.from(
          JSON.stringify({ __type: 'AccessDeniedException', message: 'not allowed' }),
        ),
      });
    await expect(secretString(ARN, { env: ENV, send })).rejects.toThrow(
      /GetSecretValue of arn:aws:secretsmanager:.*TmdbKey-abc123 failed: AccessDeniedException \(HTTP 400\)/,
    );
  });
});

describe('parseTmdbConfig', () => {
  it('defaults to TMDB itself at 40 requests per second and a 12-minute budget', () => {
    expect(parseTmdbConfig({})).toEqual({
      key: undefined,
      secretArn: undefined,
      apiUrl: 'https://api.themoviedb.org',
      requestsPerSecond: 40,
      timeBudgetSeconds: 720,
    });
  });

  it('reads the local variables and refuses a URL that is not http(s)', () => {
    expect(
      parseTmdbConfig({
        TMDB_API_KEY: 'k',
        TMDB_API_URL: 'http://127.0.0.1:9999',
        TMDB_REQUESTS_PER_SECOND: '2000',
      }),
    ).toMatchObject({ key: 'k', apiUrl: 'http://127.0.0.1:9999', requestsPerSecond: 2000 });
    expect(() => parseTmdbConfig({ TMDB_API_URL: 'ftp://tmdb' })).toThrow(/TMDB_API_URL/);
  });
});
