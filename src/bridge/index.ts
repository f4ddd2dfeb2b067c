export { BridgeEndpoint, DEFAULT_CALL_TIMEOUT_MS, type CallOptions, type MethodHandlers } from "./endpoint.js";
export { FrameEndpoint, type SendFirst } from "./frame-endpoint.js";
export {
  connectToFrame,
  connectToParent,
  DEFAULT_HANDSHAKE_TIMEOUT_MS,
  type ConnectToFrameOptions,
  type ConnectToParentOptions,
  type HandshakeStats,
  type ParentConnection,
} from "./handshake.js";
