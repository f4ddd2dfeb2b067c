/** The identity frame's entry (placeholder until the flow lands). */
import { startFrame } from "../frame-shell.js";

void startFrame("identity", async () => undefined);
