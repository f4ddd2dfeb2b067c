import { fixture, html } from "@open-wc/testing";
import "../../../src/frames/identity/identity-view.js";
import type { EnclaveIdentityView } from "../../../src/frames/identity/identity-view.js";
import type { IdentityScreen } from "../../../src/frames/identity/model.js";
import { settle } from "./settle.js";

export type IdentityViewProps = Partial<Pick<EnclaveIdentityView, "phone" | "canGoBack" | "exitConfirmOpen">>;

/** Mounts the identity view on `screen` and waits until every screen inside it has rendered. */
export async function mountIdentityView(screen: IdentityScreen, props: IdentityViewProps = {}): Promise<EnclaveIdentityView> {
  const view = await fixture<EnclaveIdentityView>(html`<enclave-identity-view
    .screen=${screen}
    .phone=${props.phone ?? false}
    .canGoBack=${props.canGoBack ?? false}
    .exitConfirmOpen=${props.exitConfirmOpen ?? false}
  ></enclave-identity-view>`);
  await settle(view);
  return view;
}
