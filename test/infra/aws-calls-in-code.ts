import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** An AWS API call written in the source: the IAM action it needs, where it is made. */
export interface CodeCall {
  /** Repository-relative path of the file making the call. */
  file: string;
  line: number;
  /** `service:Action` as IAM names it (not always the API operation's name). */
  action: string;
}

/** IAM's service prefix of each AWS SDK package the code may import commands from. */
const SDK_SERVICES: Readonly<Record<string, string>> = {
  '@aws-sdk/client-dynamodb': 'dynamodb',
  '@aws-sdk/lib-dynamodb': 'dynamodb',
  '@aws-sdk/client-s3': 's3',
  '@aws-sdk/client-sfn': 'states',
  '@aws-sdk/client-secrets-manager': 'secretsmanager',
};

/** lib-dynamodb's document commands, named for the DynamoDB operation (= IAM action) they send. */
const DOCUMENT_COMMANDS: Readonly<Record<string, string>> = {
  Get: 'GetItem',
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  BatchGet: 'BatchGetItem',
  BatchWrite: 'BatchWriteItem',
  Query: 'Query',
  Scan: 'Scan',
  TransactGet: 'TransactGetItems',
  TransactWrite: 'TransactWriteItems',
};

/** S3 operations authorized by an action of another name (Service Authorization Reference). */
const S3_ACTIONS: Readonly<Record<string, string>> = {
  ListObjectsV2: 'ListBucket',
  ListObjects: 'ListBucket',
  HeadObject: 'GetObject',
  HeadBucket: 'ListBucket',
  // Also s3:GetObject on the source, which its row names separately (the call's HeadObject).
  CopyObject: 'PutObject',
};

/** S3 requests over signed HTTP on an object URL, by method. */
const S3_OBJECT_METHODS: Readonly<Record<string, string>> = {
  GET: 's3:GetObject',
  HEAD: 's3:GetObject',
  PUT: 's3:PutObject',
  DELETE: 's3:DeleteObject',
};

/**
 * Every AWS call the request-time code under `root/lambdas` makes (not lambdas/local, which only
 * runs on a developer's machine, nor tests), found three ways:
 * - SDK commands: `new XCommand(` with X imported from an AWS SDK package, mapped to its action;
 * - DynamoDB's JSON protocol over signed HTTP (dynamodb-json-call.ts): in a file importing it,
 *   each operation named as a call's first argument (`call('GetItem', …)`);
 * - S3 over signed HTTP: in a file building an object URL (`objectUrl(`), each `method: '…'`.
 * A command from a package or of a name this scanner cannot map throws, naming file and line.
 */
export function awsCallsInCode(root: string): CodeCall[] {
  return sourceFiles(join(root, 'lambdas')).flatMap((path) => {
    const file = relative(root, path).split(sep).join('/');
    return callsIn(file, readFileSync(path, 'utf8'));
  });
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'local' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The calls of one source file (`file` is its repository-relative path). */
export function callsIn(file: string, text: string): CodeCall[] {
  const lineOf = (index: number) => text.slice(0, index).split('\n').length;
  const calls: CodeCall[] = [];
  const packageOf = importedNames(text);
  for (const match of text.matchAll(/\bnew\s+(\w+)Command\s*\(/g)) {
    const line = lineOf(match.index);
    const name = match[1]!;
    const from = packageOf.get(`${name}Command`);
    const service = from === undefined ? undefined : SDK_SERVICES[from];
    if (service === undefined) {
      throw new Error(
        from === undefined
          ? `${file}:${line}: ${name}Command is not imported by name, so its service is unknown`
          : `${file}:${line}: ${name}Command comes from ${from}: add that package's IAM service to SDK_SERVICES`,
      );
    }
    calls.push({ file, line, action: `${service}:${sdkAction(from!, name, `${file}:${line}`)}` });
  }
  if (/from '\.\/dynamodb-json-call\.ts'/.test(text)) {
    for (const match of text.matchAll(/\(\s*'([A-Z][A-Za-z]+)'\s*,/g)) {
      calls.push({ file, line: lineOf(match.index), action: `dynamodb:${match[1]}` });
    }
  }
  // Hand-written JSON-protocol requests name their operation in the target header.
  for (const match of text.matchAll(/'x-amz-target':\s*'([a-z]+)\.([A-Z][A-Za-z]+)'/g)) {
    calls.push({ file, line: lineOf(match.index), action: `${match[1]}:${match[2]}` });
  }
  if (/\bobjectUrl\(/.test(text)) {
    for (const match of text.matchAll(/\bmethod:\s*'([A-Z]+)'/g)) {
      const action = S3_OBJECT_METHODS[match[1]!];
      const line = lineOf(match.index);
      if (action === undefined) throw new Error(`${file}:${line}: S3 method ${match[1]} unknown`);
      calls.push({ file, line, action });
    }
  }
  return calls;
}

function sdkAction(from: string, name: string, where: string): string {
  if (from === '@aws-sdk/lib-dynamodb') {
    const operation = DOCUMENT_COMMANDS[name];
    if (operation === undefined) throw new Error(`${where}: document command ${name} unknown`);
    return operation;
  }
  return from === '@aws-sdk/client-s3' ? (S3_ACTIONS[name] ?? name) : name;
}

/** Imported name → the module it is imported from (named imports only). */
function importedNames(text: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const match of text.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*'([^']+)'/g)) {
    for (const part of match[1]!.split(',')) {
      const name = part
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)
        .pop();
      if (name) names.set(name, match[2]!);
    }
  }
  return names;
}
