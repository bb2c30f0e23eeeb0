import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { Stage } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ApiStack } from '../../lib/api-stack.ts';
import { DataStack } from '../../lib/data-stack.ts';
import {
  PROFILE_API_PATH_PATTERN,
  SHARED_API_PATH_PATTERNS,
  SPA_REWRITE_FUNCTION_CODE,
  VIEWER_AUTHORIZATION_FUNCTION_CODE,
  WebStack,
} from '../../lib/web-stack.ts';
import { apiRoutes } from '../../lambdas/handlers/api/routes.ts';
import { createTestApp, unacknowledgedNagFindings } from './test-app.ts';

/** AWS managed policies' fixed ids. */
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

function webStack(options: { customDomain?: boolean; region?: string; bundle?: boolean } = {}) {
  const app = createTestApp({ bundle: options.bundle === true ? ['Web'] : false });
  const env = options.region === undefined ? {} : { env: { region: options.region } };
  const data = new DataStack(app, 'Data', { protectData: false, ...env });
  const api = new ApiStack(app, 'Api', { table: data.table, bucket: data.bucket, ...env });
  const stack = new WebStack(app, 'Web', {
    ...env,
    apiUrl: api.functionUrl,
    ...(options.customDomain === true && {
      customDomain: {
        domainName: 'movies.example.com',
        certificateArn:
          'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555',
      },
    }),
  });
  return { stack, template: Template.fromStack(stack) };
}

function distributionConfig(template: Template): Record<string, unknown> & {
  DefaultCacheBehavior: Record<string, unknown>;
  CacheBehaviors: Record<string, unknown>[];
  Origins: {
    Id: string;
    DomainName: unknown;
    S3OriginConfig?: unknown;
    OriginAccessControlId?: unknown;
  }[];
} {
  const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution'));
  return distribution!.Properties.DistributionConfig;
}

describe('WebStack', () => {
  const { stack, template } = webStack();
  const config = distributionConfig(template);

  it('keeps the site bucket private, encrypted and TLS-only, readable by CloudFront via OAC', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: { LogFilePrefix: 'site-bucket/' },
    });
    for (const bucket of Object.values(template.findResources('AWS::S3::Bucket'))) {
      expect(bucket.Properties.PublicAccessBlockConfiguration.BlockPublicPolicy).toBe(true);
      expect(bucket.Properties.WebsiteConfiguration).toBeUndefined();
    }
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: {
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      },
    });
    const s3Origin = config.Origins.find((o) => o.S3OriginConfig !== undefined);
    expect(s3Origin).toMatchObject({
      OriginAccessControlId: { 'Fn::GetAtt': [expect.any(String), 'Id'] },
      S3OriginConfig: { OriginAccessIdentity: '' },
    });
    // The bucket policy lets only this distribution's CloudFront service principal read.
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
          Match.objectLike({
            Effect: 'Allow',
            Action: 's3:GetObject',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  it('serves /api/* from the function URL uncached, forwarding all but Host, every method', () => {
    const [profiles, apiBehavior] = config.CacheBehaviors.slice(-2);
    const uncached = {
      ViewerProtocolPolicy: 'redirect-to-https',
      CachePolicyId: CACHING_DISABLED,
      OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
    };
    expect(apiBehavior).toMatchObject({ PathPattern: '/api/*', ...uncached });
    expect(profiles).toMatchObject({ PathPattern: PROFILE_API_PATH_PATTERN, ...uncached });
    expect(profiles!.TargetOriginId).toBe(apiBehavior!.TargetOriginId);
    const apiOrigin = config.Origins.find((o) => o.Id === apiBehavior!.TargetOriginId);
    expect(apiOrigin).toMatchObject({
      CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
      OriginAccessControlId: { 'Fn::GetAtt': [expect.stringMatching(/^ApiAccess/), 'Id'] },
    });
    // The origin is the function URL's host, taken from its URL (a cross-stack reference).
    expect(JSON.stringify(apiOrigin!.DomainName)).toMatch(/Fn::Split/);
  });

  it('signs every API request for the IAM-only function URL, invocable by this distribution alone', () => {
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: {
        OriginAccessControlOriginType: 'lambda',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      },
    });
    const permissions = Object.values(template.findResources('AWS::Lambda::Permission')).map(
      (p) => p.Properties as Record<string, unknown>,
    );
    expect(permissions.map((p) => p.Action).sort()).toEqual([
      'lambda:InvokeFunction',
      'lambda:InvokeFunctionUrl',
    ]);
    const [distributionId] = Object.keys(template.findResources('AWS::CloudFront::Distribution'));
    for (const permission of permissions) {
      expect(permission.Principal).toBe('cloudfront.amazonaws.com');
      // arn:…:cloudfront::<account>:distribution/<this distribution>, never a wildcard.
      expect(JSON.stringify(permission.SourceArn)).toContain(`{"Ref":"${distributionId}"}`);
      expect(JSON.stringify(permission.SourceArn)).not.toContain('*');
    }
    expect(permissions.find((p) => p.Action === 'lambda:InvokeFunction')).toMatchObject({
      InvokedViaFunctionUrl: true,
    });
  });

  it('moves the viewer Authorization aside on the profile routes, the only bearer routes', () => {
    const profiles = config.CacheBehaviors.at(-2)!;
    template.hasResourceProperties('AWS::CloudFront::Function', {
      FunctionConfig: { Runtime: 'cloudfront-js-2.0' },
      FunctionCode: VIEWER_AUTHORIZATION_FUNCTION_CODE,
    });
    expect(profiles.FunctionAssociations).toEqual([
      {
        EventType: 'viewer-request',
        FunctionARN: {
          'Fn::GetAtt': [expect.stringMatching(/^ViewerAuthorization/), 'FunctionARN'],
        },
      },
    ]);
    expect(config.CacheBehaviors.at(-1)!.FunctionAssociations).toBeUndefined();
    const pattern = new RegExp(`^${PROFILE_API_PATH_PATTERN.replace(/\*/g, '.*')}$`);
    for (const route of apiRoutes.filter((r) => r.bearer === true)) {
      expect(pattern.test(`/api${route.path.replace(/\{\w+\}/g, '1')}`), route.path).toBe(true);
    }
  });

  it('caches exactly the shared API routes, before /api/*, by path and query string only', () => {
    const shared = config.CacheBehaviors.slice(0, -2);
    expect(shared.map((b) => b.PathPattern)).toEqual([...SHARED_API_PATH_PATTERNS]);
    const apiOrigin = config.CacheBehaviors.at(-1)!.TargetOriginId;
    for (const behavior of shared) {
      expect(behavior).toMatchObject({
        TargetOriginId: apiOrigin,
        ViewerProtocolPolicy: 'redirect-to-https',
        AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
        CachedMethods: ['GET', 'HEAD'],
        Compress: true,
        CachePolicyId: { Ref: expect.stringMatching(/^SharedApiCache/) },
      });
      // Nothing beyond the cache key reaches the origin: no header can vary a shared answer.
      expect(behavior.OriginRequestPolicyId).toBeUndefined();
    }
    template.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: {
        MinTTL: 0,
        DefaultTTL: 0,
        MaxTTL: 300,
        ParametersInCacheKeyAndForwardedToOrigin: {
          QueryStringsConfig: { QueryStringBehavior: 'all' },
          HeadersConfig: { HeaderBehavior: 'none' },
          CookiesConfig: { CookieBehavior: 'none' },
          EnableAcceptEncodingGzip: true,
          EnableAcceptEncodingBrotli: true,
        },
      },
    });

    // CloudFront path patterns: `*` is any characters, the rest literal.
    const patterns = SHARED_API_PATH_PATTERNS.map(
      (p) => new RegExp(`^${p.replace(/[.+?^$()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`),
    );
    for (const route of apiRoutes) {
      const path = `/api${route.path.replace(/\{\w+\}/g, '1')}`;
      const cached = patterns.some((pattern) => pattern.test(path));
      expect(cached, `${route.method} ${path}`).toBe(route.cache === 'shared');
    }
  });

  it('redirects HTTP to HTTPS and adds the security headers to site and API responses', () => {
    expect(config.DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
    });
    expect(config.DefaultRootObject).toBe('index.html');
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: {
          StrictTransportSecurity: {
            AccessControlMaxAgeSec: 730 * 86400,
            IncludeSubdomains: true,
            Override: true,
          },
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
          ContentSecurityPolicy: {
            ContentSecurityPolicy: Match.stringLikeRegexp("default-src 'self'.*connect-src 'self'"),
          },
        },
      },
    });
    const policyId = config.DefaultCacheBehavior.ResponseHeadersPolicyId;
    expect(policyId).toEqual({ Ref: expect.any(String) });
    expect(config.CacheBehaviors[0]!.ResponseHeadersPolicyId).toEqual(policyId);
  });

  it('rewrites client-side routes to /index.html on the site behaviour only, with no error pages', () => {
    template.hasResourceProperties('AWS::CloudFront::Function', {
      FunctionConfig: { Runtime: 'cloudfront-js-2.0' },
      FunctionCode: SPA_REWRITE_FUNCTION_CODE,
    });
    expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual([
      {
        EventType: 'viewer-request',
        FunctionARN: { 'Fn::GetAtt': [expect.any(String), 'FunctionARN'] },
      },
    ]);
    expect(config.CacheBehaviors[0]!.FunctionAssociations).toBeUndefined();
    // Distribution-wide error responses would turn the API's JSON 404s into index.html.
    expect(config.CustomErrorResponses).toBeUndefined();
  });

  it('logs viewer requests to the retained log bucket', () => {
    expect(config.Logging).toMatchObject({ Prefix: 'cloudfront/' });
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: { OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] } },
    });
  });

  it('uploads hashed assets immutable, then the pages revalidated with an invalidation', () => {
    const deployments = template.findResources('Custom::CDKBucketDeployment');
    const byId = Object.fromEntries(
      Object.entries(deployments).map(([id, r]) => [id.replace(/CustomResource.*$/, ''), r]),
    );
    expect(Object.keys(byId).sort()).toEqual(['DeployAssets', 'DeployPages']);
    expect(byId.DeployAssets!.Properties).toMatchObject({
      Include: ['assets/*'],
      SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
    });
    expect(byId.DeployPages!.Properties).toMatchObject({
      Exclude: ['assets/*'],
      SystemMetadata: { 'cache-control': 'public, max-age=0, must-revalidate' },
      DistributionPaths: ['/*'],
    });
    expect(JSON.stringify(byId.DeployPages!.DependsOn)).toMatch(/DeployAssets/);
  });

  it('outputs the site and API URLs', () => {
    template.hasOutput('SiteUrl', {});
    template.hasOutput('ApiUrl', {
      Value: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('/api/$')])] },
    });
  });

  it('passes the cdk-nag AwsSolutions checks', () => {
    expect(unacknowledgedNagFindings(stack)).toEqual([]);
  });
});

describe('WebStack site asset, bundled as by cdk synth', () => {
  it('holds the web app built from the current sources', () => {
    const { stack } = webStack({ bundle: true });
    const assembly = Stage.of(stack)!.synth();
    const manifest = JSON.parse(
      readFileSync(join(assembly.directory, `${stack.artifactId}.assets.json`), 'utf8'),
    ) as { files: Record<string, { source: { path: string; packaging?: string } }> };
    // The deployment handler's own code is an asset too; the site is the one with index.html.
    const sites = Object.entries(manifest.files).filter(([, { source }]) =>
      existsSync(join(assembly.directory, source.path, 'index.html')),
    );
    expect(sites).toHaveLength(1);
    const [hash, { source }] = sites[0]!;
    expect(source.packaging).toBe('zip');
    const site = join(assembly.directory, source.path);
    const index = readFileSync(join(site, 'index.html'), 'utf8');
    const script = /src="\/(assets\/[^"]+\.js)"/.exec(index)?.[1];
    expect(script, 'index.html loads a hashed script from assets/').toBeDefined();
    expect(existsSync(join(site, script!))).toBe(true);
    const deployed = JSON.stringify(Template.fromStack(stack).toJSON());
    expect(deployed).toContain(`${hash}.zip`);
  }, 60_000);
});

describe('SPA rewrite function', () => {
  const handler = runInNewContext(`${SPA_REWRITE_FUNCTION_CODE}; handler`) as (event: {
    request: { uri: string };
  }) => { uri: string };
  const rewrite = (uri: string) => handler({ request: { uri } }).uri;

  it('sends client-side routes to /index.html and leaves files alone', () => {
    expect(rewrite('/')).toBe('/index.html');
    expect(rewrite('/movies/42')).toBe('/index.html');
    expect(rewrite('/users/7/')).toBe('/index.html');
    expect(rewrite('/assets/index-abc123.js')).toBe('/assets/index-abc123.js');
    expect(rewrite('/favicon.ico')).toBe('/favicon.ico');
    expect(rewrite('/v1.2/about')).toBe('/index.html');
  });
});

/**
 * Names of the template's CloudFront resources other than the distribution. CloudFront is a
 * global service: these names are unique per account, whatever region the stack is in.
 */
function cloudFrontNames(template: Template): unknown[] {
  return Object.values(template.toJSON().Resources as Record<string, CfnResource>)
    .filter(
      (r) => r.Type.startsWith('AWS::CloudFront::') && r.Type !== 'AWS::CloudFront::Distribution',
    )
    .map((r) => {
      const config = Object.entries(r.Properties).find(([key]) => key.endsWith('Config'));
      return r.Properties.Name ?? (config?.[1] as { Name?: unknown } | undefined)?.Name;
    });
}
interface CfnResource {
  Type: string;
  Properties: Record<string, unknown> & { Name?: unknown };
}

describe('WebStack names unique per account', () => {
  it('include the region, so one account holds the same stage in two regions', () => {
    const [euWest, usEast] = ['eu-west-1', 'us-east-1'].map((region) => {
      const names = cloudFrontNames(webStack({ region }).template);
      // the rewrite and viewer-authorization functions, the security headers policy, the site's
      // and the API's origin access controls and the shared API answers' cache policy
      expect(names).toHaveLength(6);
      for (const name of names) expect(name).toEqual(expect.stringContaining(region));
      return names;
    });
    expect(euWest!.filter((name) => usEast!.includes(name))).toEqual([]);
  });

  it('take the region from the deployment when the stack names none', () => {
    const names = cloudFrontNames(webStack().template);
    expect(names).toHaveLength(6);
    for (const name of names) expect(JSON.stringify(name)).toContain('{"Ref":"AWS::Region"}');
  });
});

describe('WebStack on a custom domain', () => {
  const { stack, template } = webStack({ customDomain: true });

  it('requires TLS 1.2 (2021 policy) from viewers, so no TLS acknowledgement is needed', () => {
    const config = distributionConfig(template);
    expect(config.Aliases).toEqual(['movies.example.com']);
    expect(config.ViewerCertificate).toMatchObject({
      MinimumProtocolVersion: 'TLSv1.2_2021',
      SslSupportMethod: 'sni-only',
    });
    template.hasOutput('SiteUrl', { Value: 'https://movies.example.com' });
    expect(unacknowledgedNagFindings(stack)).toEqual([]);
  });
});

describe('VIEWER_AUTHORIZATION_FUNCTION_CODE (run as CloudFront runs it)', () => {
  type Headers = Record<string, { value: string }>;
  const handler = runInNewContext(`${VIEWER_AUTHORIZATION_FUNCTION_CODE}; handler`) as (event: {
    request: { headers: Headers };
  }) => { headers: Headers };
  const run = (headers: Headers) => handler({ request: { headers } }).headers;

  it("copies the viewer's Authorization to x-viewer-authorization, which OAC leaves alone", () => {
    expect(run({ authorization: { value: 'Bearer abc' } })).toEqual({
      authorization: { value: 'Bearer abc' },
      'x-viewer-authorization': { value: 'Bearer abc' },
    });
  });

  it('drops an x-viewer-authorization the viewer sent itself', () => {
    expect(run({ 'x-viewer-authorization': { value: 'Bearer forged' } })).toEqual({});
    expect(
      run({
        authorization: { value: 'Bearer mine' },
        'x-viewer-authorization': { value: 'Bearer forged' },
      })['x-viewer-authorization'],
    ).toEqual({ value: 'Bearer mine' });
  });
});
