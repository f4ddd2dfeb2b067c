/**
 * Limits and abuse controls: one small interface (`consume(name, key, cost)` → allowed or
 * `retryAfterSeconds`), stored in the database so every widget host shares it. Routes name
 * the limit they spend; only this folder knows how it is counted.
 *
 *   definitions.ts  the named limits, their defaults and ENCLAVE_LIMIT_<NAME> settings
 *   limiter.ts      the counters (one atomic SQL statement per spend)
 *   middleware.ts   spend / attempt / guardAuthentication, and the 429 answer
 *   client-ip.ts    the client's address (socket, or X-Forwarded-For behind trusted proxies)
 */
export { limitDefinitions, limitEnvName, limitNames, readLimitSettings, type LimitName, type LimitSetting, type LimitSettings } from "./definitions.js";
export { Limiter, type LimitDecision } from "./limiter.js";
export { Limits, rateLimited, type Attempt } from "./middleware.js";
export { clientIp, limitKeyOfAddress } from "./client-ip.js";
