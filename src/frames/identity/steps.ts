/**
 * Which step of the identity flow each screen is, for the header's "Step 2 of 4": the
 * consent, the document, its photos (by camera, upload or phone), the review. The phone
 * page starts at the document, so it counts three. Waiting and ending screens are not
 * steps (null): the header keeps the line empty.
 */
import type { IdentityScreen } from "./model.js";

export interface FlowStep {
  step: number;
  total: number;
}

export function identityStep(screen: IdentityScreen, phone: boolean): FlowStep | null {
  const step = stepNumber(screen);
  if (step === null) return null;
  return phone ? { step: step - 1, total: 3 } : { step, total: 4 };
}

function stepNumber(screen: IdentityScreen): number | null {
  switch (screen.name) {
    case "consent":
      return 1;
    case "document_type":
      return 2;
    case "capture":
    case "handoff":
      return 3;
    case "review":
      return 4;
    default:
      return null;
  }
}
