import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// The mock's fixtures were recorded at 10:00 on 2026-11-18 with local time = UTC; the tests set
// their clock to that moment, so local time must be UTC here too (before any worker starts).
if (process.env.VITEST) process.env.TZ = "UTC";

// `--mode mock` builds a browser-only copy with an in-memory backend (for the a11y run);
// it goes to its own folder so it can never be shipped by mistake.
export default defineConfig(({ mode }) => ({
  plugins: [svelte()],
  build: {
    outDir: mode === "mock" ? "dist-mock" : "dist",
    emptyOutDir: true,
    // The mock build carries Rust's recorded answers (src/mock/fixtures, about 1.5 MB of JSON).
    chunkSizeWarningLimit: mode === "mock" ? 4096 : undefined,
    target: "es2022",
  },
  server: {
    port: 1420,
    strictPort: true,
  },
  // Svelte's browser build is needed to mount components under jsdom.
  resolve: process.env.VITEST ? { conditions: ["browser"] } : undefined,
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
    setupFiles: ["src/test-setup.ts"],
  },
}));
