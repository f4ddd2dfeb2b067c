/**
 * `enclave-kit/react`: React components over the three host elements, made with
 * @lit/react, plus JSX types for the raw tags.
 *
 *   <EnclaveCheckout ref={checkout} publishableKey="pk_test_…" fetchClientToken={fetchToken}
 *     onReady={() => setReady(true)} onSuccess={(event) => show(event.detail.paymentIntent)} />
 *   await checkout.current?.submit();
 *
 * Importing this module defines the elements (nothing happens in Node, so server rendering
 * works) and never bundles React: it uses the application's copy.
 */
import { createComponent } from "@lit/react";
import * as React from "react";
import "../elements/events.js";
import "../elements/checkout/enclave-checkout.js";
import "../elements/bank-link/enclave-bank-link.js";
import "../elements/identity/enclave-identity.js";
import type { BankLinkEventDetails, CheckoutEventDetails, EnclaveElements } from "./element-props.js";

export type * from "./element-props.js";

/** `enclave-success` → `onSuccess`: the names React users expect, without the prefix every event shares. */
type ReactEventProp<EventName> = EventName extends `enclave-${infer Verb}` ? `on${Capitalize<Verb>}` : never;

/** Callbacks for each event an element dispatches; each receives the `CustomEvent`, its data in `event.detail`. */
export type EnclaveEventProps<Details> = {
  [Name in keyof Details as ReactEventProp<Name>]?: (event: CustomEvent<Details[Name]>) => void;
};

/**
 * A wrapper's props: the element's, its callbacks, and what React allows on any element
 * (`id`, `className`, `style`…) except the DOM's own `onChange`/`onError`, which the
 * callbacks of the same names replace.
 */
export type EnclaveComponentProps<Tag extends keyof EnclaveElements> = EnclaveElements[Tag]["props"] &
  EnclaveEventProps<EnclaveElements[Tag]["events"]> &
  Omit<React.HTMLAttributes<EnclaveElements[Tag]["element"]>, keyof EnclaveElements[Tag]["props"] | keyof EnclaveEventProps<EnclaveElements[Tag]["events"]>> &
  React.RefAttributes<EnclaveElements[Tag]["element"]>;

export type EnclaveCheckoutComponentProps = EnclaveComponentProps<"enclave-checkout">;
export type EnclaveBankLinkComponentProps = EnclaveComponentProps<"enclave-bank-link">;
export type EnclaveIdentityComponentProps = EnclaveComponentProps<"enclave-identity">;

/**
 * The props @lit/react sets as element properties. It sets them in a layout effect, that
 * is after React has attached the element, and it picks them by
 * `name in elementClass.prototype`; so it is given these names instead of the element's
 * class. They are functions, objects, or a token kept out of the DOM, and the element reads
 * them only once its frame has connected. Everything else (`publishable-key`, `host`,
 * `locale`, `mode`, which the element reads the moment it is attached to pick the frame's
 * URL and whether it shows in a dialog) goes to React, which sets it as the element is created.
 */
const propertyProps = ["clientToken", "fetchClientToken", "appearance"] as const;
const propertiesOnly = { prototype: Object.fromEntries(propertyProps.map((name) => [name, undefined])) } as unknown as new () => HTMLElement;

/** React 18 would set `publishableKey` as a lowercased attribute the element does not know; the others keep their names. */
const attributeNames: Readonly<Record<string, string>> = { publishableKey: "publishable-key" };

type EventPropMap<Details> = { [Name in keyof Details as ReactEventProp<Name>]-?: Name };

/** Typed from the outside: inside, props are only renamed and passed on. */
type UntypedComponent = React.ForwardRefExoticComponent<Record<string, unknown> & React.RefAttributes<HTMLElement>>;

function wrap<Tag extends keyof EnclaveElements>(
  tagName: Tag,
  displayName: string,
  events: EventPropMap<EnclaveElements[Tag]["events"]> & Record<string, string>,
): React.ForwardRefExoticComponent<EnclaveComponentProps<Tag>> {
  const Wrapped = createComponent({ react: React, tagName, elementClass: propertiesOnly, events, displayName: `${displayName}Element` }) as UntypedComponent;
  const Component = React.forwardRef<HTMLElement, Record<string, unknown>>((props, ref) => {
    const renamed = Object.fromEntries(Object.entries(props).map(([name, value]) => [attributeNames[name] ?? name, value]));
    return React.createElement(Wrapped, { ...renamed, ref });
  });
  Component.displayName = displayName;
  return Component;
}

const checkoutEvents: EventPropMap<CheckoutEventDetails> = {
  onReady: "enclave-ready",
  onChange: "enclave-change",
  onSuccess: "enclave-success",
  onError: "enclave-error",
  onEvent: "enclave-event",
};

/** Bank link and identity dispatch the same events. */
const modalEvents: EventPropMap<BankLinkEventDetails> = {
  onReady: "enclave-ready",
  onSuccess: "enclave-success",
  onExit: "enclave-exit",
  onError: "enclave-error",
  onEvent: "enclave-event",
};

/** `<enclave-checkout>`: the card form, inline. Through a ref: `submit()`, `clear()`, `focus()`, `refresh()`. */
export const EnclaveCheckout = wrap("enclave-checkout", "EnclaveCheckout", checkoutEvents);

/** `<enclave-bank-link>`: bank linking in a dialog (or `mode="inline"`). Through a ref: `open()`, `close()`. */
export const EnclaveBankLink = wrap("enclave-bank-link", "EnclaveBankLink", modalEvents);

/** `<enclave-identity>`: identity verification in a dialog (or `mode="inline"`). Through a ref: `open()`, `close()`. */
export const EnclaveIdentity = wrap("enclave-identity", "EnclaveIdentity", modalEvents);

/**
 * Props of the raw tags in JSX. React 19 sets a prop as a property when the element has
 * one of that name (`clientToken`, `fetchClientToken` and `appearance` are accessors on
 * the element, so they are), and listens to `onenclave-success` as the `enclave-success` event.
 */
export type EnclaveJSXProps<Tag extends keyof EnclaveElements> = React.DetailedHTMLProps<React.HTMLAttributes<EnclaveElements[Tag]["element"]>, EnclaveElements[Tag]["element"]> &
  EnclaveElements[Tag]["props"] & {
    [Name in keyof EnclaveElements[Tag]["events"] & string as `on${Name}`]?: (event: CustomEvent<EnclaveElements[Tag]["events"][Name]>) => void;
  };

declare module "react" {
  namespace JSX {
    interface IntrinsicElements {
      "enclave-checkout": EnclaveJSXProps<"enclave-checkout">;
      "enclave-bank-link": EnclaveJSXProps<"enclave-bank-link">;
      "enclave-identity": EnclaveJSXProps<"enclave-identity">;
    }
  }
}
