import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { swaggerUiAssets } from './swagger-ui-assets.ts';

/**
 * The web app: built into frontend/dist, which the local stack serves at '/'; `cdk synth` runs the
 * same build into the cloud assembly for the Web stack's site bucket (lib/web-app-asset.ts). The API is same-origin under /api, so the dev server proxies it.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [preact(), swaggerUiAssets()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // ECharts (the lazily loaded chart pages' shared chunk) is ~630 kB minified, ~210 kB gzipped.
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
