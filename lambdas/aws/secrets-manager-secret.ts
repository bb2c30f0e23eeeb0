import { awsEnvironment } from './aws-environment.ts';
import { AwsServiceError } from './aws-service-error.ts';
import type { SignedSend } from './signed-send.ts';
import { createSignedSend } from './signed-send.ts';

/**
 * A secret's string from Secrets Manager's JSON API (`secretsmanager.GetSecretValue` over
 * signed HTTP, as the DynamoDB reads do: no SDK client for one call per run). Errors name the
 * service's error type and never the secret's value.
 */
export async function secretString(
  secretId: string,
  options: { env?: Readonly<Record<string, string | undefined>>; send?: SignedSend } = {},
): Promise<string> {
  const env = options.env ?? process.env;
  const aws = awsEnvironment(env);
  const endpoint =
    env.AWS_ENDPOINT_URL_SECRETS_MANAGER ??
    env.AWS_ENDPOINT_URL ??
    `https://secretsmanager.${aws.region}.${aws.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'}`;
  const send =
    options.send ??
    createSignedSend({
      service: 'secretsmanager',
      region: aws.region,
      credentials: aws.credentials,
    });
  const answer = await send(`${endpoint}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'secretsmanager.GetSecretValue',
    },
    body: JSON.stringify({ SecretId: secretId }),
  });
  let body: { SecretString?: unknown; __type?: unknown; message?: unknown } = {};
  try {
    body = JSON.parse(answer.body.toString('utf8')) as typeof body;
  } catch {
    // Not JSON: the status says enough.
  }
  if (answer.status !== 200 || typeof body.SecretString !== 'string') {
    const type = typeof body.__type === 'string' ? body.__type.replace(/^.*#/, '') : undefined;
    const code = type ?? `HttpStatus${answer.status}`;
    throw new AwsServiceError(
      code,
      `Secrets Manager GetSecretValue of ${secretId} failed: ${code} (HTTP ${answer.status})`,
      answer.status,
      answer.status >= 500,
    );
  }
  return body.SecretString;
}
