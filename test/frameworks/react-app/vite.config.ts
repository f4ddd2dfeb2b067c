/** The React test app, built as a merchant's would be: vite and @vitejs/plugin-react. */
import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/react/",
  plugins: [react()],
});
