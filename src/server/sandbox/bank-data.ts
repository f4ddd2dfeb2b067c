/**
 * The sandbox bank's data, derived from a seed. An item keeps one random seed; its
 * accounts come from that seed, and each account's transactions on a given day from the
 * account's id and that date. So:
 *
 * - the same item reads the same accounts and transactions on every call, on every
 *   widget-host process, across restarts, with nothing but the seed in the store;
 * - the 90-day window slides with today's UTC date, yet a transaction keeps its id, date,
 *   name and amount from one day to the next (only `pending` turns false after two days);
 * - pagination is stable: the order is total (date, newest first; then account; then
 *   the day's sequence) and a cursor pins its date range.
 *
 * The merchant API serves transactions from rows generated here once per item and day
 * and then stored (src/server/store/bank-transactions.ts), not regenerated per page.
 */
import { createHash, randomBytes } from "node:crypto";
import type { BankTransaction, LinkableAccount } from "../../protocol/bank-link-api.js";
import { seededRandom, type Random } from "./seeded-random.js";

type Subtype = LinkableAccount["subtype"];
/** What an account's history depends on: its id and kind, nothing else. */
type AccountKey = Pick<LinkableAccount, "id" | "subtype">;

/** How far back the sandbox bank keeps history: today and the 89 days before it. */
export const HISTORY_DAYS = 90;
const DAY_MS = 86_400_000;

export function newItemSeed(): string {
  return randomBytes(16).toString("hex");
}

const between = (random: Random, min: number, max: number): number => min + random() * (max - min);
const integer = (random: Random, min: number, max: number): number => Math.floor(between(random, min, max + 1));
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const cents = (value: number): number => Math.round(value * 100) / 100;

const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A stable id: `prefix_` + 24 base62 characters of SHA-256(input). */
function derivedId(prefix: string, input: string): string {
  const digest = createHash("sha256").update(input).digest();
  let id = "";
  for (let index = 0; index < 24; index++) id += base62[(digest[index] as number) % 62];
  return `${prefix}_${id}`;
}

// ---- accounts ------------------------------------------------------------------------

const accountNames: Record<Subtype, readonly string[]> = {
  checking: ["Everyday Checking", "Premier Checking", "Essential Checking", "Total Checking"],
  savings: ["High-Yield Savings", "Online Savings", "Money Market Savings", "Goal Savings"],
  "credit card": ["Rewards Visa Signature", "Cash Back Mastercard", "Platinum Card", "Travel Rewards Card"],
};

/** The item's accounts: a checking, a savings and a credit card account, in that order. */
export function sandboxAccounts(seed: string): LinkableAccount[] {
  const random = seededRandom(`accounts|${seed}`);
  const masks = new Set<string>();
  const mask = (): string => {
    for (;;) {
      const candidate = String(integer(random, 0, 9999)).padStart(4, "0");
      if (!masks.has(candidate)) {
        masks.add(candidate);
        return candidate;
      }
    }
  };
  const checking = cents(between(random, 1200, 9800));
  const savings = cents(between(random, 2500, 42_000));
  const creditLimit = integer(random, 6, 30) * 500;
  const owed = cents(between(random, 150, Math.min(4200, creditLimit * 0.6)));
  return [
    {
      id: derivedId("acc", `${seed}|0`),
      name: pick(random, accountNames.checking),
      mask: mask(),
      type: "depository",
      subtype: "checking",
      balances: { available: cents(checking - between(random, 0, 180)), current: checking, currency: "usd" },
    },
    {
      id: derivedId("acc", `${seed}|1`),
      name: pick(random, accountNames.savings),
      mask: mask(),
      type: "depository",
      subtype: "savings",
      balances: { available: savings, current: savings, currency: "usd" },
    },
    {
      id: derivedId("acc", `${seed}|2`),
      name: pick(random, accountNames["credit card"]),
      mask: mask(),
      type: "credit",
      subtype: "credit card",
      balances: { available: cents(creditLimit - owed), current: owed, currency: "usd" },
    },
  ];
}

// ---- transactions --------------------------------------------------------------------

/** [name, category, typical low, typical high] */
type Spend = readonly [string, string, number, number];

const everyday: readonly Spend[] = [
  ["Starbucks", "Food and Drink", 3.75, 14.5],
  ["Blue Bottle Coffee", "Food and Drink", 4.5, 12],
  ["Chipotle Mexican Grill", "Food and Drink", 9.5, 28],
  ["Sweetgreen", "Food and Drink", 11, 24],
  ["McDonald's", "Food and Drink", 6, 19],
  ["Whole Foods Market", "Groceries", 18, 160],
  ["Trader Joe's", "Groceries", 22, 120],
  ["Safeway", "Groceries", 15, 140],
  ["Costco Wholesale", "Groceries", 60, 320],
  ["Shell", "Transportation", 28, 72],
  ["Chevron", "Transportation", 30, 78],
  ["Uber", "Transportation", 9, 46],
  ["Lyft", "Transportation", 8, 41],
  ["CVS Pharmacy", "Healthcare", 6, 64],
  ["Walgreens", "Healthcare", 5, 58],
];

const shopping: readonly Spend[] = [
  ["Amazon", "Shopping", 12, 180],
  ["Target", "Shopping", 15, 150],
  ["Walmart", "Shopping", 10, 140],
  ["Best Buy", "Shopping", 25, 640],
  ["IKEA", "Home Improvement", 30, 420],
  ["The Home Depot", "Home Improvement", 14, 260],
  ["DoorDash", "Food and Drink", 18, 62],
  ["AMC Theatres", "Entertainment", 14, 48],
  ["Ticketmaster", "Entertainment", 45, 260],
  ["Delta Air Lines", "Travel", 140, 620],
  ["Airbnb", "Travel", 120, 780],
  ["Marriott", "Travel", 150, 540],
  ["Apple", "Shopping", 0.99, 29.99],
];

const subscriptions: readonly [string, number][] = [
  ["Netflix", 15.49],
  ["Spotify", 11.99],
  ["Disney+", 13.99],
  ["New York Times", 17],
  ["iCloud+", 2.99],
  ["Planet Fitness", 24.99],
];

const employers = ["Acme Corp Payroll", "Northwind Traders Payroll", "Globex Inc Payroll", "Initech Direct Deposit", "Contoso Ltd Payroll"];
const landlords = ["Greenfield Property Management", "Parkside Apartments", "Oak Street Realty"];

interface DraftTransaction {
  name: string;
  category: string;
  amount: number;
  /** Card purchases wait a day or two to post; transfers and deposits post at once. */
  card: boolean;
}

export interface AccountHistory {
  account: AccountKey;
  /** The account's place in the item, which orders transactions of one day. */
  index: number;
}

function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The first day the sandbox bank still has history for. */
export function historyStart(today: string): string {
  return isoDate(dayNumber(today) - (HISTORY_DAYS - 1));
}

/** What an account's holder does every month: the same payday, rent, bills for its whole life. */
function habits(account: AccountKey) {
  const random = seededRandom(`habits|${account.id}`);
  return {
    employer: pick(random, employers),
    salary: cents(between(random, 1800, 4200)),
    payday: integer(random, 0, 13),
    landlord: pick(random, landlords),
    rent: integer(random, 18, 42) * 50,
    savingsTransfer: integer(random, 2, 10) * 50,
    cardPayment: cents(between(random, 250, 1400)),
    power: cents(between(random, 55, 140)),
    subscriptions: subscriptions.filter(() => random() < 0.5).map(([name, amount]) => ({ name, amount, day: integer(random, 2, 27) })),
  };
}

function dayOfMonth(date: string): number {
  return Number(date.slice(8, 10));
}

function draftsFor(account: AccountKey, date: string): DraftTransaction[] {
  const random = seededRandom(`day|${account.id}|${date}`);
  const plan = habits(account);
  const day = dayNumber(date);
  const dom = dayOfMonth(date);
  const drafts: DraftTransaction[] = [];
  const spend = (list: readonly Spend[]): void => {
    const [name, category, low, high] = pick(random, list);
    drafts.push({ name, category, amount: cents(between(random, low, high)), card: true });
  };
  switch (account.subtype) {
    case "checking": {
      if ((day - plan.payday) % 14 === 0) drafts.push({ name: plan.employer, category: "Income", amount: -plan.salary, card: false });
      if (dom === 1) drafts.push({ name: plan.landlord, category: "Rent and Utilities", amount: plan.rent, card: false });
      if (dom === 9) drafts.push({ name: "City Power & Light", category: "Rent and Utilities", amount: cents(plan.power * between(random, 0.85, 1.2)), card: false });
      if (dom === 15) drafts.push({ name: "Transfer to Savings", category: "Transfer", amount: plan.savingsTransfer, card: false });
      if (dom === 25) drafts.push({ name: "Credit Card Payment", category: "Loan Payments", amount: plan.cardPayment, card: false });
      if (random() < 0.05) drafts.push({ name: "ATM Withdrawal", category: "Cash", amount: integer(random, 2, 10) * 20, card: false });
      const purchases = integer(random, 0, 2);
      for (let count = 0; count < purchases; count++) spend(everyday);
      break;
    }
    case "savings": {
      if (dom === 15) drafts.push({ name: "Transfer from Checking", category: "Transfer", amount: -plan.savingsTransfer, card: false });
      if (dom === 28) drafts.push({ name: "Interest Payment", category: "Interest", amount: -cents(between(random, 0.5, 9)), card: false });
      break;
    }
    case "credit card": {
      if (dom === 25) drafts.push({ name: "Payment Thank You", category: "Loan Payments", amount: -plan.cardPayment, card: false });
      for (const subscription of plan.subscriptions) {
        if (subscription.day === dom) drafts.push({ name: subscription.name, category: "Subscription", amount: subscription.amount, card: true });
      }
      const purchases = integer(random, 0, 3);
      for (let count = 0; count < purchases; count++) spend(random() < 0.6 ? everyday : shopping);
      break;
    }
  }
  return drafts;
}

/**
 * The transactions of `accounts` dated from `start` to `end` (inclusive, clipped to the
 * sandbox's 90 days of history up to `today`), newest first.
 */
export function sandboxTransactions(accounts: readonly AccountHistory[], range: { start: string; end: string }, today: string): BankTransaction[] {
  return sandboxTransactionRows(accounts, range, today).map((row) => row.transaction);
}

/** A generated transaction with what orders it and what decides `pending` on a later day (src/server/store/bank-transactions.ts). */
export interface GeneratedTransaction {
  transaction: BankTransaction;
  /** The account's place in the item. */
  accountIndex: number;
  /** Its place among its account's transactions of its day. */
  sequence: number;
  /** A card purchase: pending for its first two days. */
  card: boolean;
}

/** `sandboxTransactions`, with each row's ordering and `card` (the same rows in the same order). */
export function sandboxTransactionRows(accounts: readonly AccountHistory[], range: { start: string; end: string }, today: string): GeneratedTransaction[] {
  const first = Math.max(dayNumber(range.start), dayNumber(historyStart(today)));
  const last = Math.min(dayNumber(range.end), dayNumber(today));
  const rows: GeneratedTransaction[] = [];
  for (let day = last; day >= first; day--) {
    const date = isoDate(day);
    const pending = isPendingOn(date, today);
    for (const { account, index } of [...accounts].sort((a, b) => a.index - b.index)) {
      draftsFor(account, date).forEach((draft, sequence) => {
        rows.push({
          transaction: {
            id: derivedId("txn", `${account.id}|${date}|${sequence}`),
            account_id: account.id,
            date,
            name: draft.name,
            amount: draft.amount,
            currency: "usd",
            category: draft.category,
            pending: draft.card && pending,
          },
          accountIndex: index,
          sequence,
          card: draft.card,
        });
      });
    }
  }
  return rows;
}

/** Whether a card purchase dated `date` is still pending on `today` (it posts after two days). */
export function isPendingOn(date: string, today: string): boolean {
  return dayNumber(today) - dayNumber(date) < 2;
}

/** The day after `date`. */
export function nextDate(date: string): string {
  return isoDate(dayNumber(date) + 1);
}

/** A calendar date as YYYY-MM-DD that exists (no 2026-02-30). */
export function isRealDate(date: string): boolean {
  const time = Date.parse(`${date}T00:00:00Z`);
  return Number.isFinite(time) && isoDate(time / DAY_MS) === date;
}
