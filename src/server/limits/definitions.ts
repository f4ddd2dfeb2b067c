/**
 * Every limit the widget host enforces, in one table: its name, what it counts, what it is
 * keyed on and its default. A default can be changed with `ENCLAVE_LIMIT_<NAME>=<count>/<seconds>`
 * (e.g. `ENCLAVE_LIMIT_AUTH_FAILURES_IP=100/60`), read once at start by readConfig.
 * docs/limits.md is this table for people; keep the two together.
 *
 * Each limit is a fixed window: at most `count` units per key in `windowSeconds`, the
 * window starting at the key's first unit. Routes name the limit they spend
 * (src/server/limits/middleware.ts); how it is counted is src/server/limits/limiter.ts.
 */

export interface LimitSetting {
  /** Units allowed per key in one window. */
  count: number;
  windowSeconds: number;
}

export interface LimitDefinition extends LimitSetting {
  /** What one key stands for (docs/limits.md). */
  keyedOn: string;
  /** What a unit is: a request, a wrong password… */
  counts: string;
}

export const limitDefinitions = {
  // The merchant API. Stripe allows 100 operations per second; so does this, in 10 s windows.
  api_requests: { count: 1000, windowSeconds: 10, keyedOn: "merchant account (its secret keys)", counts: "merchant API requests" },
  payment_intents_create: { count: 300, windowSeconds: 60, keyedOn: "merchant account", counts: "payment intents created" },
  // Wrong secret keys, bad client tokens and bad publishable keys from one address. Once
  // over, every request from that address is refused until the window ends.
  auth_failures_ip: { count: 30, windowSeconds: 900, keyedOn: "client IP address (IPv6: its /64)", counts: "failed authentications" },
  // The frames' API: every customer of a merchant behind one address, and one client token.
  frame_requests_ip: { count: 600, windowSeconds: 60, keyedOn: "publishable key + client IP address", counts: "frame API requests" },
  frame_requests_token: { count: 300, windowSeconds: 60, keyedOn: "client token", counts: "frame API requests" },
  // Bank sign-in. The username lock outlives new sign-ins and new sessions.
  bank_passwords_session: { count: 10, windowSeconds: 3600, keyedOn: "bank link session", counts: "wrong bank passwords" },
  bank_passwords_username: { count: 5, windowSeconds: 900, keyedOn: "institution + username", counts: "wrong bank passwords" },
  // Verification codes: a session's total, never reset by signing in again (each sign-in
  // still allows 3 codes before `mfa_locked`).
  bank_mfa_session: { count: 10, windowSeconds: 86_400, keyedOn: "bank link session", counts: "wrong verification codes" },
  // Card testing.
  card_declines_intent: { count: 5, windowSeconds: 3600, keyedOn: "payment intent", counts: "declined cards" },
  card_declines_fingerprint: { count: 10, windowSeconds: 86_400, keyedOn: "card fingerprint (per merchant)", counts: "declines of one card" },
} as const satisfies Record<string, LimitDefinition>;

export type LimitName = keyof typeof limitDefinitions;
export type LimitSettings = Record<LimitName, LimitSetting>;

export const limitNames = Object.keys(limitDefinitions) as LimitName[];

export const limitEnvName = (name: LimitName): string => `ENCLAVE_LIMIT_${name.toUpperCase()}`;

const MAX_COUNT = 1_000_000_000;
const MAX_WINDOW_SECONDS = 30 * 86_400;

/**
 * The settings from the environment over the defaults. Throws a RangeError whose message
 * names the variable (readConfig turns it into a ConfigError); an `ENCLAVE_LIMIT_…` that
 * names no limit is refused too, so a typo does not leave a limit at its default unnoticed.
 */
export function readLimitSettings(env: NodeJS.ProcessEnv): LimitSettings {
  const known = new Set(limitNames.map(limitEnvName));
  for (const variable of Object.keys(env)) {
    if (variable.startsWith("ENCLAVE_LIMIT_") && !known.has(variable)) {
      throw new RangeError(`${variable} names no limit. The limits are: ${[...known].join(", ")}.`);
    }
  }
  const settings = {} as LimitSettings;
  for (const name of limitNames) {
    const variable = limitEnvName(name);
    const text = env[variable]?.trim();
    const { count, windowSeconds } = limitDefinitions[name];
    if (!text) {
      settings[name] = { count, windowSeconds };
      continue;
    }
    const match = /^(\d{1,10})\/(\d{1,8})$/.exec(text);
    const setting = match ? { count: Number(match[1]), windowSeconds: Number(match[2]) } : undefined;
    if (!setting || setting.count < 1 || setting.count > MAX_COUNT || setting.windowSeconds < 1 || setting.windowSeconds > MAX_WINDOW_SECONDS) {
      throw new RangeError(
        `${variable} must be <count>/<seconds>, e.g. ${count}/${windowSeconds} (its default): a count from 1 to ${MAX_COUNT} per window of 1 to ${MAX_WINDOW_SECONDS} seconds (got "${text}").`,
      );
    }
    settings[name] = setting;
  }
  return settings;
}
