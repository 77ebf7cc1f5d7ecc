import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// `--mode mock` builds a browser-only copy with an in-memory backend (for the a11y run);
// it goes to its own folder so it can never be shipped by mistake.
export default defineConfig(({ mode }) => ({
  plugins: [svelte()],
  build: {
    outDir: mode === "mock" ? "dist-mock" : "dist",
    emptyOutDir: true,
    target: "es2022",
  },
  server: {
    port: 1420,
    strictPort: true,
    // The tests compare the mock's copy of the scales with the shipped files beside ui/.
    fs: process.env.VITEST ? { allow: [".", "../assets/fidelity"] } : undefined,
  },
  // Svelte's browser build is needed to mount components under jsdom.
  resolve: process.env.VITEST ? { conditions: ["browser"] } : undefined,
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
    setupFiles: ["src/test-setup.ts"],
  },
}));
