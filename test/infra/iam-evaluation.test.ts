import { describe, expect, it } from 'vitest';
import { evaluateRequest, namesPrincipal } from './iam-evaluation.ts';
import type { IamStatement, RequestContext } from './iam-evaluation.ts';

const TABLE = 'arn:aws:dynamodb:us-east-1:123456789012:table/Serving';
const get = (context?: RequestContext) => ({
  action: 'dynamodb:GetItem',
  resource: TABLE,
  ...(context !== undefined && { context }),
});
const allow = (statement: Partial<IamStatement> = {}): IamStatement => ({
  Effect: 'Allow',
  Action: 'dynamodb:GetItem',
  Resource: TABLE,
  ...statement,
});
/** The decision for a GetItem with `context` under one Allow with `condition`. */
const withCondition = (condition: IamStatement['Condition'], context?: RequestContext) =>
  evaluateRequest([allow({ Condition: condition })], get(context));

describe('evaluateRequest', () => {
  it('allows what an Allow matches, denies implicitly what none does, explicitly on a Deny', () => {
    expect(evaluateRequest([allow()], get())).toBe('allowed');
    expect(evaluateRequest([], get())).toBe('implicit deny');
    expect(evaluateRequest([allow({ Action: 'dynamodb:Query' })], get())).toBe('implicit deny');
    expect(evaluateRequest([allow(), allow({ Effect: 'Deny', Action: 'dynamodb:*' })], get())).toBe(
      'explicit deny',
    );
  });

  it('matches actions without case and resources with case, both with * and ?', () => {
    expect(evaluateRequest([allow({ Action: 'DynamoDB:get*' })], get())).toBe('allowed');
    expect(evaluateRequest([allow({ Resource: `${TABLE.slice(0, -1)}?` })], get())).toBe('allowed');
    expect(evaluateRequest([allow({ Resource: TABLE.toLowerCase() })], get())).toBe(
      'implicit deny',
    );
    // `*` spans ARN separators, as IAM's does.
    expect(evaluateRequest([allow({ Resource: 'arn:aws:dynamodb:*' })], get())).toBe('allowed');
  });

  it('applies NotAction and NotResource to everything else', () => {
    const notAction = allow({ Action: undefined, NotAction: 'dynamodb:Query' });
    expect(evaluateRequest([notAction], get())).toBe('allowed');
    const notResource = allow({ Resource: undefined, NotResource: TABLE });
    expect(evaluateRequest([notResource], get())).toBe('implicit deny');
  });

  it('ORs the values of a key, ANDs keys and operators', () => {
    const keys = (pk: string) => ({ 'dynamodb:LeadingKeys': pk, 'aws:SecureTransport': 'true' });
    const condition = {
      StringLike: { 'dynamodb:LeadingKeys': ['PROFILE#*', 'STATS'] },
      Bool: { 'aws:SecureTransport': 'true' },
    };
    expect(withCondition(condition, keys('STATS'))).toBe('allowed');
    expect(withCondition(condition, keys('PROFILE#a'))).toBe('allowed');
    expect(withCondition(condition, keys('MODEL'))).toBe('implicit deny');
    expect(withCondition(condition, { 'dynamodb:LeadingKeys': 'STATS' })).toBe('implicit deny');
  });

  it('treats a key missing from the request as IAM does', () => {
    expect(withCondition({ StringEquals: { 's3:prefix': 'models/' } })).toBe('implicit deny');
    expect(withCondition({ StringNotEquals: { 's3:prefix': 'models/' } })).toBe('allowed');
    expect(withCondition({ StringEqualsIfExists: { 's3:prefix': 'models/' } })).toBe('allowed');
    expect(withCondition({ Null: { 's3:prefix': 'true' } })).toBe('allowed');
    expect(withCondition({ Null: { 's3:prefix': 'false' } })).toBe('implicit deny');
    expect(withCondition({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': 'P#*' } })).toBe(
      'allowed',
    );
    expect(withCondition({ 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': 'P#*' } })).toBe(
      'implicit deny',
    );
  });

  it('qualifies multivalued keys with ForAllValues and ForAnyValue', () => {
    const forAll = { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['PROFILE#*'] } };
    const forAny = { 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': ['PROFILE#*'] } };
    const mixed = { 'dynamodb:LeadingKeys': ['PROFILE#a', 'USER#1'] };
    const profiles = { 'dynamodb:LeadingKeys': ['PROFILE#a', 'PROFILE#b'] };
    expect(withCondition(forAll, profiles)).toBe('allowed');
    expect(withCondition(forAll, mixed)).toBe('implicit deny');
    expect(withCondition(forAny, mixed)).toBe('allowed');
  });

  it('compares numbers numerically, and refuses an operator it does not know', () => {
    const tls = { NumericLessThan: { 's3:TlsVersion': 1.2 } };
    expect(withCondition(tls, { 's3:TlsVersion': '1.0' })).toBe('allowed');
    expect(withCondition(tls, { 's3:TlsVersion': '1.3' })).toBe('implicit deny');
    expect(() => withCondition({ DateLessThan: { 'aws:CurrentTime': '2027-01-01' } })).toThrow(
      /DateLessThan is not evaluated/,
    );
  });
});

describe('namesPrincipal', () => {
  const role = 'arn:aws:iam::123456789012:role/Api';
  it('takes a resource-policy statement for everyone or the role, not for others', () => {
    expect(namesPrincipal({ Effect: 'Deny', Principal: { AWS: '*' } }, role)).toBe(true);
    expect(namesPrincipal({ Effect: 'Deny', Principal: '*' }, role)).toBe(true);
    expect(namesPrincipal({ Effect: 'Allow', Principal: { AWS: [role] } }, role)).toBe(true);
    expect(
      namesPrincipal({ Effect: 'Allow', Principal: { Service: 'logs.amazonaws.com' } }, role),
    ).toBe(false);
  });
});
