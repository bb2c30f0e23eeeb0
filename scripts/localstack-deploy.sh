#!/usr/bin/env bash
# `npm run localstack:deploy [-- <stacks>]`: bootstrap and deploy the CDK app into LocalStack
# (start it first: `docker compose up -d`). Default: every stack, which needs a paid LocalStack
# plan for the Api and Web stacks; on the free plan deploy the others:
#   npm run localstack:deploy -- MovieRec-dev-Data MovieRec-dev-Pipeline
# Fargate training needs ECS (paid) and a Docker image build, so it is off. The stack outputs go
# to .local/localstack-outputs.json, where `npm run localstack:train` finds the state machine.
# Not run in this project's CI (no Docker there).
set -euo pipefail
cd "$(dirname "$0")/.."
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}"
export AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"
export AWS_REGION="${AWS_REGION:-us-east-1}"
export AWS_DEFAULT_REGION="$AWS_REGION"
if [ "$#" -eq 0 ]; then set -- --all; fi
mkdir -p .local
npx cdklocal bootstrap -c fargateTraining=false
npx cdklocal deploy "$@" -c fargateTraining=false --require-approval never \
  --outputs-file .local/localstack-outputs.json
