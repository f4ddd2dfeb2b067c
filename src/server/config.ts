/**
 * The widget host's settings, from options and the environment, checked once at start so
 * that a typo in a key or an origin stops the host with a clear message.
 */
import { CreateAllowedOriginBody } from "../protocol/api.js";
import { HANDOFF_TTL_SECONDS } from "../protocol/identity-api.js";
import { readLimitSettings, type LimitSettings } from "./limits/definitions.js";
import { defaultImagePoolOptions, type ImagePoolOptions } from "./identity/image-pool.js";
import { logLevels, type LogLevel } from "./observability/log.js";

export interface WidgetHostOptions {
  /** PGlite's directory when no database URL is given. */
  dataDir: string;
  /** PostgreSQL connection string; defaults to `DATABASE_URL`. */
  databaseUrl?: string | undefined;
  /** Where the built frames and loader are (`dist/`); found next to the sources by default. */
  distDir?: string;
  env?: NodeJS.ProcessEnv;
  /** Send queued webhooks from this process (default true; `enclave keys` does not). */
  deliverWebhooks?: boolean;
}

export interface WidgetHostConfig {
  dataDir: string;
  databaseUrl: string | undefined;
  clientTokenTtlSeconds: number;
  /** How long a bank link's single-use public token may be exchanged (30 minutes). */
  publicTokenTtlSeconds: number;
  /** How long a 3-D Secure challenge page can be answered (ENCLAVE_THREE_D_SECURE_TTL_SECONDS, 10 minutes). */
  threeDSecureTtlSeconds: number;
  identity: IdentityConfig;
  /** The image-check threads (ENCLAVE_IMAGE_WORKERS, _QUEUE, _TIMEOUT_MS, _WORKER_HEAP_MB): src/server/identity/image-pool.ts. */
  images: ImagePoolOptions;
  /** The origin other devices reach this host at (ENCLAVE_PUBLIC_URL), for links made for a phone. */
  publicOrigin: string | undefined;
  sandbox: { name: string; publishableKey?: string; secretKey?: string; allowedOrigins: string[] };
  /** Every limit (src/server/limits/definitions.ts), with ENCLAVE_LIMIT_<NAME>=<count>/<seconds> applied. */
  limits: LimitSettings;
  /** How many proxies in front of the host append to X-Forwarded-For (ENCLAVE_TRUST_PROXY, 0: the header is ignored). */
  trustProxy: number;
  webhooks: WebhookConfig;
  /** How often the cluster's clean-up runs, all hosts together (ENCLAVE_HOUSEKEEPING_INTERVAL_SECONDS, 60): src/server/housekeeping.ts. */
  housekeepingIntervalSeconds: number;
  /** Logs, metrics and shutdown (ENCLAVE_LOG_LEVEL, ENCLAVE_METRICS_TOKEN, ENCLAVE_SHUTDOWN_TIMEOUT_MS). */
  operations: OperationsConfig;
}

export interface OperationsConfig {
  /** ENCLAVE_LOG_LEVEL: debug, info (default), warn or error. */
  logLevel: LogLevel;
  /** ENCLAVE_METRICS_TOKEN: GET /metrics wants it as a Bearer token; unset, /metrics answers loopback only. */
  metricsToken: string | undefined;
  /** ENCLAVE_SHUTDOWN_TIMEOUT_MS: how long SIGTERM waits for requests and deliveries in flight (10 s). */
  shutdownTimeoutMs: number;
}

export interface WebhookConfig {
  /** ENCLAVE_WEBHOOK_ALLOW_PRIVATE=1: endpoints may be loopback or private addresses (development; off by default). */
  allowPrivate: boolean;
  /** ENCLAVE_WEBHOOK_TIMEOUT_MS: one attempt's deadline, connection to response headers (10 s). */
  timeoutMs: number;
  /** ENCLAVE_WEBHOOK_CONCURRENCY: attempts in flight at once per process (16). */
  concurrency: number;
}

export interface IdentityConfig {
  /** How long identity images and personal data are kept (ENCLAVE_IDENTITY_RETENTION_SECONDS, 30 days). */
  retentionSeconds: number;
  /** The sealing key from ENCLAVE_IDENTITY_KEY; without it, `<dataDir>/identity.key` (src/server/identity/sealing.ts). */
  key: Buffer | undefined;
  /** Older keys that still open (ENCLAVE_IDENTITY_PREVIOUS_KEYS, comma-separated base64), during a rotation. */
  previousKeys: Buffer[];
  /** How long the sandbox verifier takes after a submission (ENCLAVE_IDENTITY_VERIFY_DELAY_MS, 1.5 s). */
  verifyDelayMs: number;
  /** How long a phone hand-off link may be claimed (ENCLAVE_IDENTITY_HANDOFF_TTL_SECONDS, 10 minutes). */
  handoffTtlSeconds: number;
}

export const DEFAULT_IDENTITY_RETENTION_SECONDS = 30 * 24 * 3600;

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function readConfig(options: WidgetHostOptions): WidgetHostConfig {
  const env = options.env ?? process.env;
  const publishableKey = env["ENCLAVE_PUBLISHABLE_KEY"] || undefined;
  const secretKey = env["ENCLAVE_SECRET_KEY"] || undefined;
  if (publishableKey && !/^pk_test_[A-Za-z0-9]{8,100}$/.test(publishableKey)) {
    throw new ConfigError("ENCLAVE_PUBLISHABLE_KEY must look like pk_test_ followed by 8 to 100 letters or digits.");
  }
  if (secretKey && !/^sk_test_[A-Za-z0-9]{8,100}$/.test(secretKey)) {
    throw new ConfigError("ENCLAVE_SECRET_KEY must look like sk_test_ followed by 8 to 100 letters or digits.");
  }
  const allowedOrigins = (env["ENCLAVE_ALLOWED_ORIGINS"] ?? "")
    .split(",")
    .map((origin) => origin.trim().replace(/\/$/, ""))
    .filter(Boolean);
  for (const origin of allowedOrigins) {
    if (!CreateAllowedOriginBody.safeParse({ origin }).success) {
      throw new ConfigError(`ENCLAVE_ALLOWED_ORIGINS: "${origin}" is not an http(s) origin such as https://shop.example.com.`);
    }
  }
  const ttl = Number(env["ENCLAVE_CLIENT_TOKEN_TTL_SECONDS"] ?? 15 * 60);
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > 24 * 3600) throw new ConfigError("ENCLAVE_CLIENT_TOKEN_TTL_SECONDS must be a whole number of seconds from 1 to 86400.");
  const publicTokenTtl = Number(env["ENCLAVE_PUBLIC_TOKEN_TTL_SECONDS"] ?? 30 * 60);
  if (!Number.isInteger(publicTokenTtl) || publicTokenTtl < 1 || publicTokenTtl > 24 * 3600) {
    throw new ConfigError("ENCLAVE_PUBLIC_TOKEN_TTL_SECONDS must be a whole number of seconds from 1 to 86400.");
  }
  const retention = Number(env["ENCLAVE_IDENTITY_RETENTION_SECONDS"] || DEFAULT_IDENTITY_RETENTION_SECONDS);
  if (!Number.isInteger(retention) || retention < 1 || retention > 10 * 365 * 24 * 3600) {
    throw new ConfigError("ENCLAVE_IDENTITY_RETENTION_SECONDS must be a whole number of seconds from 1 to 315360000 (ten years).");
  }
  const verifyDelay = Number(env["ENCLAVE_IDENTITY_VERIFY_DELAY_MS"] || 1500);
  if (!Number.isInteger(verifyDelay) || verifyDelay < 0 || verifyDelay > 60_000) {
    throw new ConfigError("ENCLAVE_IDENTITY_VERIFY_DELAY_MS must be a whole number of milliseconds from 0 to 60000.");
  }
  const handoffTtl = Number(env["ENCLAVE_IDENTITY_HANDOFF_TTL_SECONDS"] || HANDOFF_TTL_SECONDS);
  if (!Number.isInteger(handoffTtl) || handoffTtl < 1 || handoffTtl > 3600) {
    throw new ConfigError("ENCLAVE_IDENTITY_HANDOFF_TTL_SECONDS must be a whole number of seconds from 1 to 3600.");
  }
  const threeDSecureTtl = Number(env["ENCLAVE_THREE_D_SECURE_TTL_SECONDS"] || 10 * 60);
  if (!Number.isInteger(threeDSecureTtl) || threeDSecureTtl < 1 || threeDSecureTtl > 3600) {
    throw new ConfigError("ENCLAVE_THREE_D_SECURE_TTL_SECONDS must be a whole number of seconds from 1 to 3600.");
  }
  const keyText = env["ENCLAVE_IDENTITY_KEY"]?.trim() || undefined;
  const key = keyText === undefined ? undefined : Buffer.from(keyText, "base64");
  if (keyText !== undefined && (!/^[A-Za-z0-9+/]+={0,2}$/.test(keyText) || key?.length !== 32)) {
    throw new ConfigError("ENCLAVE_IDENTITY_KEY must be 32 random bytes in base64 (44 characters), e.g. the output of `openssl rand -base64 32`.");
  }
  const previousKeys = (env["ENCLAVE_IDENTITY_PREVIOUS_KEYS"] ?? "")
    .split(",")
    .map((text) => text.trim())
    .filter(Boolean)
    .map((text, index) => {
      const previous = Buffer.from(text, "base64");
      if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || previous.length !== 32) {
        throw new ConfigError(`ENCLAVE_IDENTITY_PREVIOUS_KEYS: key ${index + 1} is not 32 bytes in base64; list the older keys, comma-separated.`);
      }
      return previous;
    });
  if (previousKeys.length > 0 && key === undefined) {
    throw new ConfigError("ENCLAVE_IDENTITY_PREVIOUS_KEYS needs ENCLAVE_IDENTITY_KEY (the current key) beside it.");
  }
  const publicUrl = env["ENCLAVE_PUBLIC_URL"]?.trim() || undefined;
  let publicOrigin: string | undefined;
  if (publicUrl !== undefined) {
    try {
      const url = new URL(publicUrl);
      if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("not http(s)");
      publicOrigin = url.origin;
    } catch {
      throw new ConfigError(`ENCLAVE_PUBLIC_URL must be an http(s) URL such as http://192.168.1.20:4000 (got "${publicUrl}").`);
    }
  }
  let limits: LimitSettings;
  try {
    limits = readLimitSettings(env);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  const trustProxyText = env["ENCLAVE_TRUST_PROXY"]?.trim() || "0";
  const trustProxy = Number(trustProxyText);
  if (!/^\d{1,2}$/.test(trustProxyText) || trustProxy > 10) {
    throw new ConfigError(`ENCLAVE_TRUST_PROXY must be how many proxies in front of the host append to X-Forwarded-For, 0 to 10 (got "${trustProxyText}").`);
  }
  const webhooks = readWebhookConfig(env);
  const housekeepingIntervalSeconds = Number(env["ENCLAVE_HOUSEKEEPING_INTERVAL_SECONDS"] || 60);
  if (!Number.isInteger(housekeepingIntervalSeconds) || housekeepingIntervalSeconds < 1 || housekeepingIntervalSeconds > 3600) {
    throw new ConfigError("ENCLAVE_HOUSEKEEPING_INTERVAL_SECONDS must be a whole number of seconds from 1 to 3600.");
  }
  const images = readImagePoolOptions(env);
  const operations = readOperationsConfig(env);
  return {
    operations,
    dataDir: options.dataDir,
    limits,
    trustProxy,
    webhooks,
    housekeepingIntervalSeconds,
    images,
    publicOrigin,
    databaseUrl: options.databaseUrl ?? (env["DATABASE_URL"] || undefined),
    clientTokenTtlSeconds: ttl,
    publicTokenTtlSeconds: publicTokenTtl,
    threeDSecureTtlSeconds: threeDSecureTtl,
    identity: { retentionSeconds: retention, key, previousKeys, verifyDelayMs: verifyDelay, handoffTtlSeconds: handoffTtl },
    sandbox: {
      name: env["ENCLAVE_MERCHANT_NAME"]?.trim() || "Sandbox merchant",
      ...(publishableKey ? { publishableKey } : {}),
      ...(secretKey ? { secretKey } : {}),
      allowedOrigins,
    },
  };
}

function readWebhookConfig(env: NodeJS.ProcessEnv): WebhookConfig {
  const allowPrivateText = (env["ENCLAVE_WEBHOOK_ALLOW_PRIVATE"] ?? "").trim().toLowerCase();
  if (!["", "0", "1", "false", "true"].includes(allowPrivateText)) {
    throw new ConfigError(`ENCLAVE_WEBHOOK_ALLOW_PRIVATE must be 1 (allow loopback and private webhook targets) or 0 (got "${allowPrivateText}").`);
  }
  const timeoutMs = Number(env["ENCLAVE_WEBHOOK_TIMEOUT_MS"] || 10_000);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 60_000) {
    throw new ConfigError("ENCLAVE_WEBHOOK_TIMEOUT_MS must be a whole number of milliseconds from 100 to 60000.");
  }
  const concurrency = Number(env["ENCLAVE_WEBHOOK_CONCURRENCY"] || 16);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) {
    throw new ConfigError("ENCLAVE_WEBHOOK_CONCURRENCY must be a whole number from 1 to 256.");
  }
  return { allowPrivate: allowPrivateText === "1" || allowPrivateText === "true", timeoutMs, concurrency };
}

function readImagePoolOptions(env: NodeJS.ProcessEnv): ImagePoolOptions {
  const defaults = defaultImagePoolOptions();
  const whole = (name: string, fallback: number, min: number, max: number, unit: string): number => {
    const value = Number(env[name] || fallback);
    if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(`${name} must be a whole number of ${unit} from ${min} to ${max}.`);
    return value;
  };
  const workers = whole("ENCLAVE_IMAGE_WORKERS", defaults.workers, 1, 64, "threads");
  return {
    workers,
    queue: whole("ENCLAVE_IMAGE_QUEUE", 2 * workers, 0, 10_000, "waiting image checks"),
    timeoutMs: whole("ENCLAVE_IMAGE_TIMEOUT_MS", defaults.timeoutMs, 100, 600_000, "milliseconds"),
    heapMb: whole("ENCLAVE_IMAGE_WORKER_HEAP_MB", defaults.heapMb, 16, 4096, "megabytes"),
  };
}

function readOperationsConfig(env: NodeJS.ProcessEnv): OperationsConfig {
  const level = (env["ENCLAVE_LOG_LEVEL"] ?? "").trim().toLowerCase() || "info";
  if (!(logLevels as readonly string[]).includes(level)) throw new ConfigError(`ENCLAVE_LOG_LEVEL must be debug, info, warn or error (got "${level}").`);
  const metricsToken = env["ENCLAVE_METRICS_TOKEN"]?.trim() || undefined;
  if (metricsToken !== undefined && !/^[A-Za-z0-9._~+/=-]{16,512}$/.test(metricsToken)) {
    throw new ConfigError("ENCLAVE_METRICS_TOKEN must be 16 to 512 characters of letters, digits and ._~+/=- (e.g. the output of `openssl rand -hex 32`).");
  }
  const shutdownTimeoutMs = Number(env["ENCLAVE_SHUTDOWN_TIMEOUT_MS"] || 10_000);
  if (!Number.isInteger(shutdownTimeoutMs) || shutdownTimeoutMs < 0 || shutdownTimeoutMs > 600_000) {
    throw new ConfigError("ENCLAVE_SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds from 0 to 600000.");
  }
  return { logLevel: level as LogLevel, metricsToken, shutdownTimeoutMs };
}
