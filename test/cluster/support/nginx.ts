/**
 * nginx in front of several widget hosts, for the cluster suite: the configuration that
 * docs/deploy.md shows (`proxyDirectives` and the upstream are the same lines; the suite
 * checks the doc still carries them), written to a temporary directory with every path
 * nginx writes inside it, listening on a free port of 127.0.0.1.
 *
 * Only the test adds `X-Enclave-Upstream` (which host answered), so the suite can prove that
 * requests alternate; the access log records the upstream of every request too.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** nginx on PATH, or Debian's /usr/sbin/nginx (not on a normal user's PATH). */
export function findNginx(): string | undefined {
  for (const dir of (process.env["PATH"] ?? "").split(":").filter(Boolean)) {
    if (existsSync(join(dir, "nginx"))) return join(dir, "nginx");
  }
  return existsSync("/usr/sbin/nginx") ? "/usr/sbin/nginx" : undefined;
}

/** The `location /` of docs/deploy.md: what every request to the hosts goes through. */
export const proxyDirectives = [
  "proxy_pass http://enclave;",
  "proxy_http_version 1.1;",
  'proxy_set_header Connection "";',
  "proxy_set_header Host $http_host;",
  "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
  "proxy_set_header X-Forwarded-Proto $scheme;",
  "proxy_set_header X-Request-Id $request_id;",
  "proxy_next_upstream error timeout http_502 http_503;",
  "proxy_read_timeout 60s;",
];

/** Each host in the upstream: taken out of rotation for 10 s after one failed connection. */
export const upstreamServer = (address: string): string => `server ${address} max_fails=1 fail_timeout=10s;`;

export const UPSTREAM_HEADER = "x-enclave-upstream";

export function nginxConfig(options: { dir: string; port: number; upstreams: string[] }): string {
  const { dir, port, upstreams } = options;
  return `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 512; }
http {
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  log_format upstream '$remote_addr "$request" $status $upstream_addr';
  access_log ${dir}/access.log upstream;

  upstream enclave {
    ${upstreams.map(upstreamServer).join("\n    ")}
    keepalive 32;
  }

  server {
    listen 127.0.0.1:${port};
    # Identity documents are uploaded through it.
    client_max_body_size 25m;
    location / {
      ${proxyDirectives.join("\n      ")}
      # Test only: which host answered.
      add_header X-Enclave-Upstream $upstream_addr always;
    }
  }
}
`;
}

export interface Nginx {
  url: string;
  /** The access log so far: one line per request, `<client> "<request line>" <status> <upstream>`. */
  accessLog(): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startNginx(binary: string, port: number, upstreams: string[]): Promise<Nginx> {
  const dir = await mkdtemp(join(tmpdir(), "enclave-nginx-"));
  // Started as root, nginx's workers run as nobody: they must reach the directory and write the buffers.
  await chmod(dir, 0o755);
  for (const sub of ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]) {
    await mkdir(join(dir, sub));
    await chmod(join(dir, sub), 0o777);
  }
  const configFile = join(dir, "nginx.conf");
  await writeFile(configFile, nginxConfig({ dir, port, upstreams }));
  const child: ChildProcess = spawn(binary, ["-p", dir, "-c", configFile, "-e", join(dir, "error.log")], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const killOnExit = (): void => void child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}):\n${output}\n${await readFile(join(dir, "error.log"), "utf8").catch(() => "")}`);
    try {
      await fetch(`${url}/v1/openapi.json`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`nginx did not answer on ${url}:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    url,
    async accessLog() {
      return (await readFile(join(dir, "access.log"), "utf8")).split("\n").filter(Boolean);
    },
    async stop() {
      process.removeListener("exit", killOnExit);
      child.kill("SIGQUIT");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
