/** Access keys as Lambda hands them to a function (its role's temporary credentials). */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Where and as whom the API's signed HTTP calls go (aws-http-reader code, no SDK). */
export interface AwsEnvironment {
  region: string;
  credentials: AwsCredentials;
  /** DynamoDB's JSON-protocol endpoint (origin, no path). */
  dynamodbEndpoint: string;
  /** The URL of an object: virtual-hosted on AWS, path-style on an emulator. */
  s3ObjectUrl(bucket: string, key: string): string;
}

type Env = Readonly<Record<string, string | undefined>>;

const set = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === '' ? undefined : value.trim();

/**
 * Region, credentials and endpoints from the variables Lambda sets (AWS_REGION,
 * AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN) and the endpoint overrides the SDK
 * also honours (AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL), so the same code
 * reads AWS, LocalStack or the embedded emulators. Throws one error naming what is missing.
 */
export function awsEnvironment(env: Env): AwsEnvironment {
  const region = set(env.AWS_REGION) ?? set(env.AWS_DEFAULT_REGION);
  const accessKeyId = set(env.AWS_ACCESS_KEY_ID);
  const secretAccessKey = set(env.AWS_SECRET_ACCESS_KEY);
  const sessionToken = set(env.AWS_SESSION_TOKEN);
  const dynamodbOverride = set(env.AWS_ENDPOINT_URL_DYNAMODB) ?? set(env.AWS_ENDPOINT_URL);
  const s3Override = set(env.AWS_ENDPOINT_URL_S3) ?? set(env.AWS_ENDPOINT_URL);
  const missing = [
    ...(region === undefined ? ['AWS_REGION'] : []),
    ...(accessKeyId === undefined ? ['AWS_ACCESS_KEY_ID'] : []),
    ...(secretAccessKey === undefined ? ['AWS_SECRET_ACCESS_KEY'] : []),
  ];
  if (missing.length > 0 || region === undefined) {
    throw new Error(`Invalid AWS environment: ${missing.join(', ')} not set`);
  }
  const domain = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  const s3Origin = s3Override === undefined ? undefined : origin(s3Override, 'AWS_ENDPOINT_URL_S3');
  return {
    region,
    credentials: {
      accessKeyId: accessKeyId!,
      secretAccessKey: secretAccessKey!,
      ...(sessionToken !== undefined && { sessionToken }),
    },
    dynamodbEndpoint:
      dynamodbOverride === undefined
        ? `https://dynamodb.${region}.${domain}`
        : origin(dynamodbOverride, 'AWS_ENDPOINT_URL_DYNAMODB'),
    s3ObjectUrl: (bucket, key) =>
      s3Origin === undefined
        ? `https://${bucket}.s3.${region}.${domain}/${encodeKey(key)}`
        : // Emulators answer on one host name, not bucket sub-domains.
          `${s3Origin}/${encodeURIComponent(bucket)}/${encodeKey(key)}`,
  };
}

/** "http://127.0.0.1:4566/" → "http://127.0.0.1:4566" (an endpoint with a path is refused). */
function origin(value: string, variable: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`Invalid AWS environment: ${variable} is not a URL: ${value}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`Invalid AWS environment: ${variable} must be http(s): ${value}`);
  }
  if (url.pathname !== '/' || url.search !== '') {
    throw new Error(`Invalid AWS environment: ${variable} must have no path: ${value}`);
  }
  return url.origin;
}

/** Each segment percent-encoded, the slashes kept. */
const encodeKey = (key: string): string => key.split('/').map(encodeURIComponent).join('/');
