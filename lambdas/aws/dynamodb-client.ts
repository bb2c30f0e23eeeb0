import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

let documentClient: DynamoDBDocumentClient | undefined;

/**
 * DynamoDB with native JS values (numbers, strings, lists, maps, Uint8Array for binary), created
 * on first use and reused by every invocation of the container. The endpoint comes from the SDK's
 * configuration chain (`AWS_ENDPOINT_URL_DYNAMODB` for LocalStack or the embedded emulator); the
 * SDK's standard retry mode retries throttling and transient errors with jittered backoff.
 */
export function dynamoDocumentClient(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(new DynamoDBClient({ maxAttempts: 3 }), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    unmarshallOptions: { wrapNumbers: false },
  });
  return documentClient;
}
