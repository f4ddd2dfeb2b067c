/**
 * `enclave-kit/vue`: Vue uses the elements as they are; this entry gives its templates
 * their types (a `GlobalComponents` entry per tag, read by vue-tsc and the editor) and the
 * `isCustomElement` test its compiler needs. It defines nothing: `import "enclave-kit"`
 * in the app does, and this file stays safe to import from `vite.config.ts`.
 *
 *   // vite.config.ts
 *   vue({ template: { compilerOptions: { isCustomElement: isEnclaveTag } } })
 *   // a template
 *   <enclave-checkout publishable-key="pk_test_…" .fetchClientToken="fetchToken" @enclave-success="paid" />
 */
import type { EmitFn, HTMLAttributes, PublicProps } from "vue";
import type { EnclaveElements } from "../react/element-props.js";

export type * from "../react/element-props.js";

/** Tells Vue's template compiler which tags are custom elements, not Vue components. */
export function isEnclaveTag(tag: string): boolean {
  return tag.startsWith("enclave-");
}

/** `enclave-success` → `onEnclaveSuccess`: the prop Vue makes of `@enclave-success`. */
type VueEventProp<EventName> = EventName extends `enclave-${infer Verb}` ? `onEnclave${Capitalize<Verb>}` : never;

/** The listeners of an element's events; each receives the `CustomEvent`, its data in `event.detail`. */
export type EnclaveVueEventProps<Details> = {
  [Name in keyof Details as VueEventProp<Name>]?: (event: CustomEvent<Details[Name]>) => void;
};

type EnclaveVueEmits<Details> = { [Name in keyof Details]: (event: CustomEvent<Details[Name]>) => void };

/**
 * A custom element as Vue's type checker reads a component (the shape Vue's guide gives
 * for elements not built with Vue): `$props` for what a template may bind, in camelCase
 * (`publishable-key` in a template is `publishableKey` here), and `$emit` for `@enclave-…`.
 */
export type EnclaveVueComponent<Tag extends keyof EnclaveElements> = new () => EnclaveElements[Tag]["element"] & {
  $props: HTMLAttributes & EnclaveElements[Tag]["props"] & EnclaveVueEventProps<EnclaveElements[Tag]["events"]> & PublicProps;
  $emit: EmitFn<EnclaveVueEmits<EnclaveElements[Tag]["events"]>>;
};

declare module "vue" {
  interface GlobalComponents {
    "enclave-checkout": EnclaveVueComponent<"enclave-checkout">;
    "enclave-bank-link": EnclaveVueComponent<"enclave-bank-link">;
    "enclave-identity": EnclaveVueComponent<"enclave-identity">;
  }
}
