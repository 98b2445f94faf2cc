import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { compression } from 'vite-plugin-compression2';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SERVER = process.env.WAYSTATION_DEV_SERVER ?? 'http://127.0.0.1:8080';
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };
// Distinguishes two deployments of the same version (the update prompt, support requests).
const BUILD_ID = process.env.WAYSTATION_BUILD_ID ?? new Date().toISOString();

export default defineConfig({
  define: {
    __APP_VERSION__: JSON.stringify(pkg.version),
    __BUILD_ID__: JSON.stringify(BUILD_ID),
  },
  resolve: {
    // `@waystation/domain/*` and `@waystation/protocol…`: the names tsconfig.base.json gives what the server shares.
    tsconfigPaths: true,
    // Every `from 'zod'` of the app gets zod already told not to use eval (src/app/zodJitless.ts).
    alias: [{ find: /^zod$/, replacement: fileURLToPath(new URL('./src/app/zodJitless.ts', import.meta.url)) }],
  },
  plugins: [
    react(),
    VitePWA({
      // The user decides when to reload into a new version (unsynced work must not be interrupted).
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'icons/*.png'],
      manifest: {
        name: 'Waystation',
        short_name: 'Waystation',
        description: 'Offline-first intake and case management',
        theme_color: '#1f4e79',
        background_color: '#ffffff',
        display: 'standalone',
        start_url: '/',
        scope: '/',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,json,woff2}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        // The first install takes control of the open page at once, so it works offline without a reload.
        // Updates still wait for the person (registerType 'prompt': no skipWaiting).
        clientsClaim: true,
        maximumFileSizeToCacheInBytes: 6 * 1024 * 1024,
      },
    }),
    // Brotli and gzip copies beside each file, served by the sync server when the browser accepts them
    // (routes/static.ts): the database chunk goes out at about a third of its size, and no CPU is spent
    // compressing per request. The service worker precaches the originals' URLs, so it gets them too.
    compression({
      algorithms: ['brotliCompress', 'gzip'],
      include: /\.(js|css|html|svg|json|webmanifest)$/,
      threshold: 1024,
    }),
  ],
  server: {
    proxy: { '/api': { target: SERVER, changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
  },
});
