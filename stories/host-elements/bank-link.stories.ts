/**
 * `<enclave-bank-link>` as a merchant's page meets it, against a real widget host: every
 * state the page can be in, in a dialog (the default) or inline. "Link a bank" calls
 * `open()`; the log lists every event. The frame's own screens, state by state, are under
 * Frames/Bank link.
 */
import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { customAppearance } from "../support/appearance.js";
import { backendFails, hostElementMeta, openWhenReady, renderWith, unreachableHost, wellFormedPublishableKey, type HostArgs } from "../support/host-element.js";

// Title and component written out here: Storybook reads them from the source, not by running it.
const meta: Meta<HostArgs> = { ...hostElementMeta("enclave-bank-link"), title: "Host elements/Bank link", component: "enclave-bank-link" };
export default meta;
type Story = StoryObj<HostArgs>;

/** Connected, waiting for the page to call `open()` ("Link a bank"). Needs its publishable key and a client token (see Docs › Getting started). */
export const Ready: Story = { tags: ["widget-host", "client-token"] };

/** Opened by the page once ready: the native dialog over the page, focus inside; Escape asks before leaving. */
export const Opened: Story = { tags: ["widget-host", "client-token"], render: renderWith("enclave-bank-link", openWhenReady) };

/** `mode="inline"`: the flow in the page's own layout, no dialog. */
export const Inline: Story = { tags: ["widget-host", "client-token"], args: { mode: "inline" } };

/** Every appearance variable set by the page; the frame applies them inside. */
export const CustomAppearance: Story = { tags: ["widget-host", "client-token"], args: { mode: "inline", ...customAppearance } };

/** An appearance value that could inject CSS (`url(`): the frame refuses it with `invalid_appearance` and keeps its default look. */
export const InvalidAppearance: Story = { tags: ["widget-host", "client-token"], args: { mode: "inline", colorPrimary: "url(https://attacker.example/x.png)" } };

/** No `publishable-key` and no `Enclave.configure()` default: `missing_publishable_key` at once, and no frame. */
export const MissingPublishableKey: Story = {};

/** A secret key where the publishable key belongs: `invalid_publishable_key`, and the key never reaches a URL. */
export const SecretKeyInsteadOfPublishable: Story = { args: { publishableKey: "sk_test_neverOnAPage000000000000" } };

/** A `host` that is not an http(s) origin: `invalid_host`. */
export const InvalidHost: Story = { args: { publishableKey: wellFormedPublishableKey, host: "ftp://widgets.example.com" } };

/**
 * The widget host does not answer — it is down, or this page's origin is not among its
 * allowed origins and the browser refuses the frame: `frame_connect_timeout` after 15
 * seconds (inline here, to show the placeholder meanwhile).
 */
export const WidgetHostUnreachable: Story = { args: { publishableKey: wellFormedPublishableKey, host: unreachableHost, mode: "inline" } };

/** A client token the widget host never issued: the frame connects, then `client_token_invalid`. */
export const ClientTokenInvalid: Story = { tags: ["widget-host"], args: { clientToken: "ct_notATokenTheWidgetHostIssued", mode: "inline" } };

/** The merchant's backend fails, so `fetchClientToken()` rejects: `client_token_unavailable`, retryable. */
export const BackendFails: Story = { tags: ["widget-host"], args: { mode: "inline" }, render: renderWith("enclave-bank-link", backendFails) };
