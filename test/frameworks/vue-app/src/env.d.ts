/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_ENCLAVE_PUBLISHABLE_KEY: string;
  readonly VITE_ENCLAVE_HOST: string;
}

declare module "*.vue" {
  import type { DefineComponent } from "vue";
  const component: DefineComponent;
  export default component;
}
