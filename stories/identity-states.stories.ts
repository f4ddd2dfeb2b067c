/**
 * The identity frame's states that Frames/Identity does not show yet: each reason the
 * flow cannot start. Same view, same controls: the meta is Frames/Identity's.
 */
import type { StoryObj } from "@storybook/web-components-vite";
import identity from "./identity-view.stories.js";

export default { ...identity, title: "Frames/Identity/More states" };
// The meta's args, as its render takes them.
type Story = StoryObj<Parameters<NonNullable<typeof identity.render>>[0]>;

export const UnavailableSessionOver: Story = { args: { screen: { name: "unavailable", errorCode: "session_not_open" } } };
export const UnavailableSessionExpired: Story = { args: { screen: { name: "unavailable", errorCode: "client_token_expired" } } };
export const UnavailableNotEmbedded: Story = { args: { screen: { name: "unavailable", errorCode: "handshake_timeout" } } };
export const UnavailableNetwork: Story = { args: { screen: { name: "unavailable", errorCode: "network_error" } } };
