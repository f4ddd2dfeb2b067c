/** Institutions and accounts the bank-link view tests show: one credentials bank, one OAuth bank, one more popular. */
import type { Institution, LinkableAccount } from "../../../src/frames/bank-link/model.js";

export const savings: Institution = { id: "ins_100001", name: "Sandbox Savings Bank", auth: "credentials", popular: true, logo: { color: "#0a7c66", initials: "SS" } };
export const oauthBank: Institution = { id: "ins_100002", name: "Sandbox OAuth Bank", auth: "oauth", popular: true, logo: { color: "#3b5bdb", initials: "SO" } };
export const harborview: Institution = { id: "ins_100003", name: "Harborview National Bank", auth: "credentials", popular: true, logo: { color: "#1d4ed8", initials: "HN" } };
export const institutions = [savings, oauthBank, harborview];

export const accounts: LinkableAccount[] = [
  { id: "acc_1", name: "Everyday Checking", mask: "1234", type: "depository", subtype: "checking", balances: { available: 1200, current: 1234.56, currency: "usd" } },
  { id: "acc_2", name: "Rainy Day Savings", mask: "9876", type: "depository", subtype: "savings", balances: { available: 5000, current: 5000, currency: "usd" } },
  { id: "acc_3", name: "Cashback Card", mask: "4321", type: "credit", subtype: "credit card", balances: { available: 4500, current: 500.5, currency: "usd" } },
];
