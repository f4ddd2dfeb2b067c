/**
 * The reference endpoints of the HTTP bench (bench/http.ts): what a minimal service on
 * the same database does per request, with nothing of ours in it. node:http, and `pg`
 * (a pool of 10, as the widget host's) or PGlite, on a table shaped like payment_intents:
 *
 * - `POST /ref/payment_intents`: parses the JSON body, inserts one row, answers it as JSON;
 * - `GET /ref/payment_intents/<id>`: selects one row by primary key, answers it as JSON.
 *
 * Run as `node --import tsx bench/http-reference.ts pg <url>` or `… pglite <data dir>`;
 * prints `reference listening on <url>` once it serves.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";

type Query = (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

const [mode, target] = process.argv.slice(2);
if ((mode !== "pg" && mode !== "pglite") || !target) {
  console.error("usage: http-reference.ts pg <database url> | pglite <data dir>");
  process.exit(2);
}

let query: Query;
if (mode === "pg") {
  const pool = new pg.Pool({ connectionString: target, max: 10 });
  query = async (text, params) => (await pool.query(text, params)).rows as Record<string, unknown>[];
} else {
  const db = await PGlite.create(target);
  query = async (text, params) => (await db.query<Record<string, unknown>>(text, params)).rows;
}

await query(
  `CREATE TABLE IF NOT EXISTS bench_reference_intents (
     id text PRIMARY KEY,
     merchant_id text NOT NULL,
     amount integer NOT NULL CHECK (amount > 0),
     amount_refunded integer NOT NULL DEFAULT 0,
     currency text NOT NULL,
     description text,
     metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
     status text NOT NULL,
     payment_method jsonb,
     last_payment_error jsonb,
     next_action jsonb,
     confirm_count integer NOT NULL DEFAULT 0,
     created_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now())`,
  [],
);

function answer(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  response.end(text);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = request.url ?? "/";
  if (request.method === "POST" && url === "/ref/payment_intents") {
    const body = JSON.parse(await readBody(request)) as { amount: number; currency: string };
    const rows = await query(
      `INSERT INTO bench_reference_intents (id, merchant_id, amount, currency, description, metadata, status)
       VALUES ($1, $2, $3, $4, NULL, '{}', 'requires_payment_method') RETURNING *`,
      [`pi_${randomBytes(12).toString("hex")}`, "acct_reference", body.amount, body.currency],
    );
    return answer(response, 200, rows[0]);
  }
  const match = /^\/ref\/payment_intents\/([A-Za-z0-9_]+)$/.exec(url);
  if (request.method === "GET" && match) {
    const rows = await query("SELECT * FROM bench_reference_intents WHERE id = $1", [match[1]]);
    return rows[0] ? answer(response, 200, rows[0]) : answer(response, 404, { error: "not found" });
  }
  answer(response, 404, { error: "not found" });
}

const server = createServer((request, response) => {
  handle(request, response).catch((error: unknown) => answer(response, 500, { error: String(error) }));
});
server.listen(0, "127.0.0.1", () => {
  console.log(`reference listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.once("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
