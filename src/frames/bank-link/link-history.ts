/**
 * The steps behind the bank-link screen on show, for "Back", as pure functions: moving on
 * keeps the steps a rule keeps (with nothing secret left in them), going back drops the
 * last, and a change to the screen on show replaces the last.
 */
import { emptyOAuth, type StepScreen } from "./model.js";

/** The steps after moving on to `next`: those `keep` keeps, without their secrets, then `next`. */
export function moveOn(history: readonly StepScreen[], next: StepScreen, keep: (previous: StepScreen) => boolean = () => true): StepScreen[] {
  return [...history.filter(keep).map(withoutSecrets), next];
}

/** The steps with the last one replaced by `current` (its model changed). */
export function replaceLast(history: readonly StepScreen[], current: StepScreen): StepScreen[] {
  return [...history.slice(0, -1), current];
}

/** A step as the history keeps it once left: no password, no code, no OAuth hand-off in progress. */
export function withoutSecrets(screen: StepScreen): StepScreen {
  switch (screen.name) {
    case "credentials":
      return { ...screen, credentials: { ...screen.credentials, password: "", busy: false, attempted: false, showPassword: false } };
    case "mfa":
      return { ...screen, mfa: { ...screen.mfa, code: "", busy: false, attempted: false } };
    case "oauth":
      return { ...screen, oauth: emptyOAuth() };
    default:
      return screen;
  }
}
