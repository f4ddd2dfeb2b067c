import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.js";
import { RawTagCheckout } from "./RawTagCheckout.js";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");
createRoot(root).render(<StrictMode>{new URLSearchParams(location.search).has("raw-tag") ? <RawTagCheckout /> : <App />}</StrictMode>);
