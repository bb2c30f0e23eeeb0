import { CfnOutput, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type { IFunctionUrl } from 'aws-cdk-lib/aws-lambda';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { VIEWER_AUTHORIZATION_HEADER } from '../lambdas/handlers/api/viewer-authorization.ts';
import { accountWideName } from './account-wide-name.ts';
import { acknowledgeGeneratedPolicyWildcards } from './nag-acknowledgements.ts';
import { webAppSource } from './web-app-asset.ts';

export interface WebStackProps extends StackProps {
  /**
   * The API function's URL (AuthType AWS_IAM), served under `/api/*` through origin access
   * control (its router accepts the `/api` prefix).
   */
  readonly apiUrl: IFunctionUrl;
  /** Serve on your own domain name with an ACM certificate for it (CloudFront: us-east-1). */
  readonly customDomain?: { readonly domainName: string; readonly certificateArn: string };
  /** Days CloudFront and S3 access logs are kept. @default 90 */
  readonly accessLogDays?: number;
}

/**
 * Sends every path without a file extension (client-side routes such as `/movies/1`) to the
 * app's index.html, on the site behaviour only: a distribution-wide 403/404 → index.html error
 * response would also turn the API's JSON 404s into HTML 200s. Runs on the cloudfront-js-2.0
 * runtime (plain ES5-style JS, no imports).
 */
export const SPA_REWRITE_FUNCTION_CODE = `function handler(event) {
  var request = event.request;
  var lastSegment = request.uri.substring(request.uri.lastIndexOf('/') + 1);
  if (lastSegment.indexOf('.') === -1) {
    request.uri = '/index.html';
  }
  return request;
}`;

/**
 * Runs on the profile routes (`/api/profiles/*`) before CloudFront signs the request for the
 * function URL: origin access control puts its signature in `Authorization`, overwriting the
 * caller's `Bearer` token, so the token is copied to x-viewer-authorization first. A value the
 * viewer sent in that header itself is dropped, so it only ever holds the viewer's own
 * Authorization. cloudfront-js-2.0 runtime, plain ES5-style JS.
 */
export const VIEWER_AUTHORIZATION_FUNCTION_CODE = `function handler(event) {
  var headers = event.request.headers;
  delete headers['${VIEWER_AUTHORIZATION_HEADER}'];
  if (headers.authorization) {
    headers['${VIEWER_AUTHORIZATION_HEADER}'] = { value: headers.authorization.value };
  }
  return event.request;
}`;

/** The API paths whose routes take a profile's bearer token (checked against the routes). */
export const PROFILE_API_PATH_PATTERN = '/api/profiles/*';

/**
 * Content-Security-Policy of the site: everything from its own origin, which includes the API
 * at `/api/*`. Inline styles are allowed for component libraries that set `style` attributes.
 * TMDB's API and image host are allowed for the optional posters; without a TMDB key the app
 * never contacts them.
 */
export const SITE_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https://image.tmdb.org",
  "connect-src 'self' https://api.themoviedb.org",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The API paths whose answers are the same for every caller (the routes declared `cache:
 * 'shared'` in lambdas/handlers/api/routes.ts, which test/infra checks against this list):
 * CloudFront caches them as the API's Cache-Control allows (a minute), keyed by path and query
 * string only. Every other `/api/*` path, per-user and profile routes included, stays uncached.
 */
export const SHARED_API_PATH_PATTERNS = [
  '/api/model',
  '/api/dashboard',
  '/api/movies*',
  '/api/popular',
  '/api/openapi.json',
] as const;

/** Cache-Control of Vite's content-hashed files (`assets/`): a new build has new names. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (index.html, files from `public/`): revalidated on every use. */
const REVALIDATE = 'public, max-age=0, must-revalidate';

/**
 * The web front door (docs/architecture.md §2): one CloudFront distribution, HTTPS only, that
 * serves the built web app from a private S3 bucket on `/*` and the API function's URL on
 * `/api/*` (uncached but for the model-wide GET routes), both through origin access control, with
 * security headers on every response. Browsers therefore call the API same-origin and need no
 * CORS; POST and PUT bodies carry their SHA-256 in `x-amz-content-sha256`, as origin access
 * control for a function URL requires (docs/api.md).
 */
export class WebStack extends Stack {
  readonly siteBucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  /** `https://<custom domain or distribution domain>` */
  readonly siteUrl: string;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    const { apiUrl, customDomain, accessLogDays = 90, ...stackProps } = props;
    super(scope, id, stackProps);

    // Logs outlive the stack (they are the record of who called what); they expire by age.
    const logs = new s3.Bucket(this, 'AccessLogsBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      // CloudFront standard logging writes with an ACL grant, so ACLs must stay enabled.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(accessLogDays) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This is the access log target of the site bucket and CloudFront; logging it into itself would loop.',
    });

    // Holds only build output that `cdk deploy` uploads again, so it goes with the stack.
    this.siteBucket = new s3.Bucket(this, 'SiteBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'site-bucket/',
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    const securityHeaders = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      responseHeadersPolicyName: accountWideName(this, 'SecurityHeaders', 128),
      comment: 'MovieRec: HSTS, CSP, nosniff, frame DENY, referrer policy',
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
        // Not overriding keeps a stricter policy an origin sends itself; the site's files,
        // the Swagger UI docs page included (api-docs.html: no inline script), get this one.
        contentSecurityPolicy: {
          contentSecurityPolicy: SITE_CONTENT_SECURITY_POLICY,
          override: false,
        },
      },
    });

    const siteAccess = new cloudfront.S3OriginAccessControl(this, 'SiteAccess', {
      originAccessControlName: accountWideName(this, 'SiteAccess', 64),
    });

    const spaRewrite = new cloudfront.Function(this, 'SpaRewrite', {
      comment: 'Client-side routes (paths without a file extension) get /index.html',
      code: cloudfront.FunctionCode.fromInline(SPA_REWRITE_FUNCTION_CODE),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
    });

    // Signs every request for the IAM-only function URL; binding the origin grants this
    // distribution alone lambda:InvokeFunctionUrl (and InvokeFunction via the URL) on it.
    const apiOrigin = origins.FunctionUrlOrigin.withOriginAccessControl(apiUrl, {
      originAccessControl: new cloudfront.FunctionUrlOriginAccessControl(this, 'ApiAccess', {
        originAccessControlName: accountWideName(this, 'ApiAccess', 64),
        signing: cloudfront.Signing.SIGV4_ALWAYS,
      }),
    });
    const viewerAuthorization = new cloudfront.Function(this, 'ViewerAuthorization', {
      comment: `Profile routes: the viewer's Authorization to ${VIEWER_AUTHORIZATION_HEADER}`,
      code: cloudfront.FunctionCode.fromInline(VIEWER_AUTHORIZATION_FUNCTION_CODE),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
    });
    // The TTLs only bound what the API asks for (s-maxage=60, or no-store on errors): an answer
    // without Cache-Control is not kept. No header or cookie is part of the key, so none reaches
    // the origin: shared answers cannot depend on one (CORS included: the site is same-origin).
    const sharedApiCache = new cloudfront.CachePolicy(this, 'SharedApiCache', {
      cachePolicyName: accountWideName(this, 'SharedApiCache', 128),
      comment: 'MovieRec: model-wide API answers, keyed by path and query string',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.minutes(5),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const sharedApiBehavior: cloudfront.BehaviorOptions = {
      origin: apiOrigin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      // Every method reaches the API (a POST with its body hash answers 405); only GET and HEAD
      // are cached.
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD,
      cachePolicy: sharedApiCache,
      compress: true,
      responseHeadersPolicy: securityHeaders,
    };

    // Per-user and profile answers: never cached. The function URL answers to its own Host name
    // only, so the viewer's Host is not forwarded; every other viewer header is, with CloudFront's
    // own such as CloudFront-Viewer-Address (the client address of docs/profiles.md).
    const uncachedApiBehavior: cloudfront.BehaviorOptions = {
      origin: apiOrigin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: securityHeaders,
    };

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'MovieRec web app and /api',
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      ...(customDomain !== undefined && {
        certificate: Certificate.fromCertificateArn(
          this,
          'Certificate',
          customDomain.certificateArn,
        ),
        domainNames: [customDomain.domainName],
        minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      }),
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.siteBucket, {
          originAccessControl: siteAccess,
        }),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        compress: true,
        functionAssociations: [
          { function: spaRewrite, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
        ],
      },
      additionalBehaviors: {
        ...Object.fromEntries(
          SHARED_API_PATH_PATTERNS.map((pattern) => [pattern, sharedApiBehavior]),
        ),
        [PROFILE_API_PATH_PATTERN]: {
          ...uncachedApiBehavior,
          functionAssociations: [
            {
              function: viewerAuthorization,
              eventType: cloudfront.FunctionEventType.VIEWER_REQUEST,
            },
          ],
        },
        '/api/*': uncachedApiBehavior,
      },
    });
    this.siteUrl = `https://${customDomain?.domainName ?? this.distribution.distributionDomainName}`;

    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'A public movie recommender with no legal or licensing reason to block countries; geo restriction would only lock out users.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          "No WAF web ACL: its fixed cost (~$5/month per ACL + $1 per rule + $0.60/M requests) exceeds the cost of this API; abuse is bounded by the in-app per-profile and per-address limits and, when set, the function's reserved concurrency (apiReservedConcurrency). Attach one with webAclId when traffic warrants it.",
      },
      ...(customDomain === undefined
        ? [
            {
              id: 'AwsSolutions-CFR4',
              reason:
                'Served on the default *.cloudfront.net certificate, whose TLS policy CloudFront fixes; with a custom domain and certificate the stack sets TLSv1.2_2021 as the minimum.',
            },
          ]
        : []),
    );

    this.deploySite(webAppSource());

    new CfnOutput(this, 'SiteUrl', { value: this.siteUrl, description: 'The web app' });
    new CfnOutput(this, 'ApiUrl', {
      value: `${this.siteUrl}/api/`,
      description: 'The API through CloudFront, e.g. <this>health',
    });
  }

  /**
   * Uploads the web app, built from the current sources at synth, in two passes: content-hashed `assets/` first with a long immutable cache,
   * then index.html and the rest, revalidated on every use, so a new index.html never points at
   * assets that are not there yet. The second pass invalidates CloudFront's copies. Each pass
   * prunes only the files its filters select.
   */
  private deploySite(source: s3deploy.ISource): void {
    const assets = new s3deploy.BucketDeployment(this, 'DeployAssets', {
      sources: [source],
      destinationBucket: this.siteBucket,
      exclude: ['*'],
      include: ['assets/*'],
      cacheControl: [s3deploy.CacheControl.fromString(IMMUTABLE)],
      memoryLimit: 512,
    });
    const pages = new s3deploy.BucketDeployment(this, 'DeployPages', {
      sources: [source],
      destinationBucket: this.siteBucket,
      exclude: ['assets/*'],
      cacheControl: [s3deploy.CacheControl.fromString(REVALIDATE)],
      memoryLimit: 512,
      distribution: this.distribution,
      distributionPaths: ['/*'],
    });
    pages.node.addDependency(assets);

    // Both deployments share one aws-cdk-lib handler function, whose role and runtime the
    // construct fixes; its permissions cover the asset bucket and the site bucket only.
    const handler = assets.handlerRole.node.scope;
    if (handler !== undefined) {
      Validations.of(handler).acknowledge(
        {
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason:
            "aws-cdk-lib's BucketDeployment handler role; the managed policy only lets it write its own logs.",
        },
        {
          id: 'AwsSolutions-L1',
          reason:
            "aws-cdk-lib's BucketDeployment handler runs on the Python runtime aws-cdk-lib pins; it moves with aws-cdk-lib upgrades and only runs at deploy time.",
        },
      );
      acknowledgeGeneratedPolicyWildcards(
        handler,
        "Generated by aws-cdk-lib's BucketDeployment: it copies the asset from the CDK asset bucket into the site bucket, prunes old files (object wildcards of those two buckets) and invalidates the distribution.",
      );
    }
  }
}
