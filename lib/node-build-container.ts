import { DockerImage } from 'aws-cdk-lib';
import type { BundlingOptions } from 'aws-cdk-lib';
import { LAMBDA_NODE_MAJOR } from './lambda-bundling.ts';

/** The official Node.js image on ECR Public (no Docker Hub rate limits), same major as the Lambdas. */
export const NODE_IMAGE = `public.ecr.aws/docker/library/node:${LAMBDA_NODE_MAJOR}-slim`;

/**
 * Docker fallback of the project's local asset builds, for a deploying machine without
 * `npm ci`: copies the repository (the asset source, mounted at /asset-input) without its
 * node_modules, installs the locked packages and runs `script` there, writing to /asset-output.
 */
export function nodeBuildContainer(
  script: string,
): Pick<BundlingOptions, 'image' | 'command' | 'environment'> {
  return {
    image: DockerImage.fromRegistry(NODE_IMAGE),
    environment: { HOME: '/tmp' },
    command: [
      'bash',
      '-c',
      [
        'mkdir /tmp/app',
        'tar -C /asset-input --exclude=./node_modules --exclude=./.git --exclude=./cdk.out -cf - . | tar -C /tmp/app -xf -',
        'cd /tmp/app',
        'npm ci --ignore-scripts --no-audit --no-fund',
        script,
      ].join(' && '),
    ],
  };
}
