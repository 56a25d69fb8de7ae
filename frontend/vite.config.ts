import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// During development the API runs separately (uvicorn on :8000); Vite proxies /api and /v1 to it, SSE included.
const apiTarget = process.env.TUNEWRIGHT_API_URL ?? "http://127.0.0.1:8000";

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      "/api": { target: apiTarget, changeOrigin: false },
      "/v1": { target: apiTarget, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      "/api": { target: apiTarget, changeOrigin: false },
      "/v1": { target: apiTarget, changeOrigin: false },
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    assetsDir: "assets",
    sourcemap: false,
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    css: false,
    // Pages load lazily, so a test that visits several compiles each on first use; a busy machine needs the margin.
    testTimeout: 15_000,
  },
});
