/// <reference types="vitest/config" />
// Build, dev-server and unit-test configuration of the Officium PWA shell.
import { fileURLToPath, URL } from "node:url";

import vue from "@vitejs/plugin-vue";
import { VantResolver } from "@vant/auto-import-resolver";
import Components from "unplugin-vue-components/vite";
import { defineConfig, type Plugin } from "vite";
import { VitePWA, type ManifestOptions } from "vite-plugin-pwa";

// The Django server answers these paths itself; everything else is the single-page app.
const serverPaths = ["/api", "/_allauth", "/admin", "/ws", "/healthz", "/readyz", "/static", "/media"];
const backend = process.env.OFFICIUM_BACKEND ?? "http://127.0.0.1:8000";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Vant's icon font lists a woff file on a public CDN as fallback after its inline woff2. A
 * self-hosted app must not reach out to third parties (and our CSP blocks it anyway), so the
 * fallback is removed, and the build fails if any remote URL is left in the CSS.
 */
function selfHostedFonts(): Plugin {
  const remoteFontSource = /,\s*url\((["']?)(?:https?:)?\/\/[^)]*\)\s*format\([^)]*\)/g;
  return {
    name: "officium:self-hosted-fonts",
    enforce: "pre",
    transform(code, id) {
      if (!id.includes("/vant/") || !id.endsWith(".css")) return null;
      return { code: code.replace(remoteFontSource, ""), map: null };
    },
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type === "asset" && file.fileName.endsWith(".css") && /url\((["']?)(https?:)?\/\//.test(String(file.source))) {
          this.error(`${file.fileName} loads something from another site`);
        }
      }
    },
  };
}

// Chromium reads `translations` for the localized app name; the plugin's type does not know it yet.
const manifest: Partial<ManifestOptions> & { translations: Record<string, Record<string, string>> } = {
  id: "/",
  name: "Officium",
  short_name: "Officium",
  description: "Self-hosted office automation",
  lang: "en",
  start_url: "/messages",
  scope: "/",
  display: "standalone",
  orientation: "portrait",
  background_color: "#f7f8fa",
  theme_color: "#1677ff",
  icons: [
    { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
    { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
    { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    { src: "/favicon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
  ],
  translations: {
    "zh-CN": { name: "Officium 办公", short_name: "Officium", description: "自托管移动办公平台" },
  },
};

export default defineConfig({
  base: "/",
  define: {
    // vue-i18n build flags: Composition API only, no devtools hooks in production.
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  resolve: {
    alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) },
  },
  plugins: [
    selfHostedFonts(),
    vue(),
    Components({
      resolvers: [VantResolver()],
      dts: "src/components.d.ts",
      // Our own components are imported explicitly; only Vant is resolved automatically.
      dirs: [],
    }),
    VitePWA({
      // Registration happens in src/offline/sw.ts through virtual:pwa-register, so that no inline
      // script is injected into index.html (the server's CSP forbids inline scripts).
      injectRegister: false,
      registerType: "autoUpdate",
      strategies: "generateSW",
      includeAssets: ["favicon.svg", "icons/apple-touch-icon-180.png"],
      manifest,
      workbox: {
        globPatterns: ["**/*.{js,css,html,svg,png,ico,webmanifest,woff2}"],
        navigateFallback: "/index.html",
        navigateFallbackDenylist: serverPaths.map((p) => new RegExp(`^${escapeRegExp(p)}(/|$)`)),
        cleanupOutdatedCaches: true,
        // Web Push: show what the server pushed and open its link (public/push-sw.js).
        importScripts: ["/push-sw.js"],
        clientsClaim: true,
        skipWaiting: true,
      },
      devOptions: { enabled: false },
    }),
  ],
  server: {
    port: 18173,
    strictPort: true,
    proxy: {
      "/api": { target: backend, changeOrigin: false },
      "/_allauth": { target: backend, changeOrigin: false },
      "/ws": { target: backend, ws: true, changeOrigin: false },
      "/admin": { target: backend, changeOrigin: false },
      "/static": { target: backend, changeOrigin: false },
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    rolldownOptions: {
      output: {
        // The framework changes less often than our code: a stable chunk that stays cached.
        codeSplitting: {
          groups: [{ name: "vue", test: /node_modules[\\/](@vue|vue|vue-router|pinia|vue-i18n|@intlify)[\\/]/ }],
        },
      },
    },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
    setupFiles: ["src/test-setup.ts"],
    restoreMocks: true,
    // Vant's ES build imports its CSS; let Vite process it instead of Node.
    server: { deps: { inline: ["vant"] } },
  },
});
