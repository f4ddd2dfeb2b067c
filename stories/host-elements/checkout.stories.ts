/**
 * `<enclave-checkout>` as a merchant's page meets it, against a real widget host: every
 * state the page can be in, from a missing key to a frame ready to take a payment. "Pay"
 * and "Clear" call `submit()` and `clear()`; the log lists every event and every settled
 * promise. The frame's own screens, state by state, are under Frames/Checkout.
 */
import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { customAppearance } from "../support/appearance.js";
import { backendFails, hostElementMeta, renderWith, unreachableHost, wellFormedPublishableKey, type HostArgs } from "../support/host-element.js";

// Title and component written out here: Storybook reads them from the source, not by running it.
const meta: Meta<HostArgs> = { ...hostElementMeta("enclave-checkout"), title: "Host elements/Checkout", component: "enclave-checkout" };
export default meta;
type Story = StoryObj<HostArgs>;

/**
 * Connected and ready: the card form from the widget host. Needs its publishable key and a client token (see Docs › Getting started).
 * 3-D Secure lives here: type 4000 0027 6000 3184 and press Pay. The bank's page (the widget
 * host's own) opens full-page above this page, full-screen on a phone; Escape or its close
 * button gives the check up and the payment fails with `payment_intent_authentication_failure`.
 */
export const Ready: Story = { tags: ["widget-host", "client-token"] };

/** Every appearance variable set by the page; the frame applies them inside. */
export const CustomAppearance: Story = { tags: ["widget-host", "client-token"], args: { ...customAppearance } };

/** An appearance value that could inject CSS (`url(`): the frame refuses it with `invalid_appearance` and keeps its default look. */
export const InvalidAppearance: Story = { tags: ["widget-host", "client-token"], args: { colorPrimary: "url(https://attacker.example/x.png)" } };

/** No `publishable-key` and no `Enclave.configure()` default: `missing_publishable_key` at once, and no frame. */
export const MissingPublishableKey: Story = {};

/** A secret key where the publishable key belongs: `invalid_publishable_key`, and the key never reaches a URL. */
export const SecretKeyInsteadOfPublishable: Story = { args: { publishableKey: "sk_test_neverOnAPage000000000000" } };

/** A `host` that is not an http(s) origin: `invalid_host`. */
export const InvalidHost: Story = { args: { publishableKey: wellFormedPublishableKey, host: "ftp://widgets.example.com" } };

/**
 * The widget host does not answer — it is down, or this page's origin is not among its
 * allowed origins and the browser refuses the frame: the quiet placeholder while it
 * connects, then `frame_connect_timeout` after 15 seconds.
 */
export const WidgetHostUnreachable: Story = { args: { publishableKey: wellFormedPublishableKey, host: unreachableHost } };

/** A client token the widget host never issued: the frame connects, then `client_token_invalid`. */
export const ClientTokenInvalid: Story = { tags: ["widget-host"], args: { clientToken: "ct_notATokenTheWidgetHostIssued" } };

/** The merchant's backend fails, so `fetchClientToken()` rejects: `client_token_unavailable`, retryable. */
export const BackendFails: Story = { tags: ["widget-host"], render: renderWith("enclave-checkout", backendFails) };
