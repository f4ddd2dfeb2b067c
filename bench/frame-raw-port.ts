/** Entry: frame side of the bare MessagePort echo (the floor). */
import { queryOrigin } from "./spec.js";

const parentOrigin = queryOrigin("parent");
window.addEventListener("message", (event) => {
  const port = event.ports[0];
  if (event.source !== window.parent || event.origin !== parentOrigin || event.data !== "raw-connect" || !port) return;
  port.onmessage = (call) => port.postMessage(call.data);
});
window.parent.postMessage("raw-hello", parentOrigin);
