/**
 * Which step of bank linking each screen is, for the header's "Step 2 of 4": the consent,
 * the bank, signing in to it (a password, an OAuth hand-off or a code: one step), the
 * accounts. Loading, errors and success are not steps (null): the header keeps the line empty.
 */
import type { LinkScreen } from "./model.js";

const stepOfScreen: Partial<Record<LinkScreen, number>> = {
  consent: 1,
  select_institution: 2,
  credentials: 3,
  oauth: 3,
  mfa: 3,
  select_accounts: 4,
};

export function bankLinkStep(screen: LinkScreen): { step: number; total: number } | null {
  const step = stepOfScreen[screen];
  return step === undefined ? null : { step, total: 4 };
}
