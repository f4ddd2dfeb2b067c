/** The bank-link frame's entry (placeholder until the flow lands). */
import { startFrame } from "../frame-shell.js";

void startFrame("bank-link", async () => undefined);
