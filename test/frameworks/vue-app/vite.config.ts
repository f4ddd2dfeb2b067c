/** The Vue test app, built as a merchant's would be: vite, @vitejs/plugin-vue, and the enclave- tags left to the browser. */
import vue from "@vitejs/plugin-vue";
import { isEnclaveTag } from "enclave-kit/vue";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/vue/",
  plugins: [vue({ template: { compilerOptions: { isCustomElement: isEnclaveTag } } })],
});
