/**
 * An error answered by an AWS service (or the network on the way to it), named by the service's
 * error code ("ThrottlingException", "NoSuchKey", …) as the SDK names its exceptions, so
 * throttle-retry and callers recognise it the same way. `transient` marks server-side and network
 * failures (5xx, connection reset) that the same read may survive on a retry.
 */
export class AwsServiceError extends Error {
  constructor(
    code: string,
    message: string,
    readonly status: number,
    readonly transient: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = code;
  }
}
