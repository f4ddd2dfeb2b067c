/**
 * The bank-link frame's states that Frames/Bank link does not show yet: each reason the
 * flow cannot load, a network failure while signing in, a verification step that
 * expired, a locked account and a closed bank window in other languages, and the success
 * screen's singular. Same view, same controls: the meta is
 * Frames/Bank link's.
 */
import type { StoryObj } from "@storybook/web-components-vite";
import { emptyCredentials, emptyMfa, emptyOAuth } from "../src/frames/bank-link/model.js";
import bankLink from "./bank-link.stories.js";

export default { ...bankLink, title: "Frames/Bank link/More states" };
// The meta's args, as its render takes them.
type Story = StoryObj<Parameters<NonNullable<typeof bankLink.render>>[0]>;

// The sandbox's username-and-password bank, first of the popular ones the meta lists.
const savingsBank = bankLink.args?.search?.popular[0] ?? null;
const accounts = bankLink.args?.accounts;

export const LoadErrorOriginNotAllowed: Story = { args: { screen: "load_error", canGoBack: false, loadError: { code: "origin_not_allowed" } } };
export const LoadErrorSessionExpired: Story = { args: { screen: "load_error", canGoBack: false, loadError: { code: "client_token_expired" } } };
export const LoadErrorNetwork: Story = { args: { screen: "load_error", canGoBack: false, loadError: { code: "network_error" } } };

export const CredentialsNetworkError: Story = {
  args: { screen: "credentials", institution: savingsBank, credentials: { ...emptyCredentials(), username: "user_good", error: { code: "network_error" } } },
};

/** The code came too late: the sign-in it belonged to is over. */
export const MfaStepExpired: Story = {
  args: { screen: "mfa", institution: savingsBank, mfa: { ...emptyMfa(), error: { code: "link_step_invalid" } } },
};

/** A locked account, in German: the two ways out have room for longer words. */
export const CredentialsLockedGerman: Story = {
  args: { screen: "credentials", institution: savingsBank, credentials: { ...emptyCredentials(), username: "user_locked", error: { code: "item_locked" } } },
  globals: { locale: "de" },
};

/** The bank's window closed before it answered, right to left. */
export const OAuthWindowClosedArabic: Story = {
  args: { screen: "oauth", institution: bankLink.args?.search?.popular[1] ?? null, oauth: { ...emptyOAuth(), status: "closed" } },
  globals: { locale: "ar" },
};

export const SuccessOneAccount: Story = {
  args: { screen: "success", institution: savingsBank, ...(accounts ? { accounts: { ...accounts, selected: ["acc_checking"] } } : {}) },
};
