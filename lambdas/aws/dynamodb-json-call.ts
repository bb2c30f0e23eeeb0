import { AwsServiceError } from './aws-service-error.ts';
import type { SignedSend } from './signed-send.ts';

const TARGET_PREFIX = 'DynamoDB_20120810.';

/** One DynamoDB operation by name with its JSON body (AttributeValues already on the wire). */
export type DynamoDbCall = <T>(operation: string, body: unknown) => Promise<T>;

/**
 * DynamoDB's JSON protocol over signed HTTP: POST / with `X-Amz-Target:
 * DynamoDB_20120810.<Operation>` and an `application/x-amz-json-1.0` body. One call per method,
 * no retries: an error answer becomes an AwsServiceError named by its `__type` (so
 * "ProvisionedThroughputExceededException" is recognised as throttling), 5xx marked transient.
 */
export function createDynamoDbCall(options: { endpoint: string; send: SignedSend }): DynamoDbCall {
  const url = `${options.endpoint}/`;

  return async <T>(operation: string, body: unknown): Promise<T> => {
    const answer = await options.send(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `${TARGET_PREFIX}${operation}`,
      },
      body: JSON.stringify(body),
    });
    const text = answer.body.toString('utf8');
    if (answer.status < 200 || answer.status >= 300)
      throw dynamoDbError(operation, answer.status, text);
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new AwsServiceError(
        'InvalidResponse',
        `DynamoDB ${operation} answered ${answer.status} with a body that is not JSON`,
        answer.status,
        false,
      );
    }
  };
}

/** `{"__type":"com.amazonaws.dynamodb.v20120810#ThrottlingException","message":"…"}` → error. */
function dynamoDbError(operation: string, status: number, text: string): AwsServiceError {
  let type: string | undefined;
  let message: string | undefined;
  try {
    const body = JSON.parse(text) as { __type?: unknown; message?: unknown; Message?: unknown };
    if (typeof body.__type === 'string') type = body.__type.slice(body.__type.lastIndexOf('#') + 1);
    const said = body.message ?? body.Message;
    if (typeof said === 'string') message = said;
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  const code = type ?? (status >= 500 ? 'InternalServerError' : `HttpStatus${status}`);
  return new AwsServiceError(
    code,
    `DynamoDB ${operation} failed: ${code} (HTTP ${status})${message === undefined ? '' : `: ${message}`}`,
    status,
    status >= 500,
  );
}
