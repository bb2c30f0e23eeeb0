#!/usr/bin/env node
// Thin launcher so `npx movierec` runs the TypeScript CLI without a build step.
import { register } from 'tsx/esm/api';

register();
await import('./movierec.ts');
