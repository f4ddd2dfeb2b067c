/**
 * The classic script served at `/v1/enclave.js`: defines every element and exposes
 * `window.Enclave`. The widget host defaults to the origin this script came from.
 */
import * as z from "zod/mini";
import { configure, currentConfig, normalizeHost, type EnclaveConfig } from "./internal/config.js";
import "./index.js";

declare const __ENCLAVE_VERSION__: string;

export interface EnclaveGlobal {
  version: string;
  configure(options: EnclaveConfig): EnclaveConfig;
}

declare global {
  interface Window {
    Enclave?: EnclaveGlobal;
  }
}

// Merchant pages often forbid eval; without this zod probes `new Function` and the
// browser reports a CSP violation even though zod catches it. (The built loader runs the
// schemas on its own small engine, where this does nothing: vite.config.ts.)
z.config({ jitless: true });

const script = document.currentScript;
if (script instanceof HTMLScriptElement && script.src && !currentConfig().host) {
  configure({ host: normalizeHost(script.src) });
}

// The frames load from the widget host: open the connection now, while the page is still
// loading, rather than when the first element appears (issue 13). A hint only: a browser
// that partitions connections by frame opens its own for the frame.
const host = currentConfig().host;
if (host) document.head.append(Object.assign(document.createElement("link"), { rel: "preconnect", href: host }));

// A second copy of the script keeps the first one's global: both define the same tags.
window.Enclave ??= { version: __ENCLAVE_VERSION__, configure };
