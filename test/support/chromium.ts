/**
 * The one place that decides which Chromium the test suites and the bench drive, so that
 * `npm install && npm test` works on a machine with no browser installed.
 *
 * Order: `CHROMIUM_PATH` when set (an error when it is not an executable file), then a
 * system Chromium or Chrome at a usual path (Debian's `/usr/bin/chromium` first), else the
 * Chromium that ships inside the `@sparticuz/chromium` devDependency. `ENCLAVE_BROWSER`
 * overrides: `bundled` always uses the npm one (how its path is tested on a machine that
 * has Chromium), `system` never falls back to it (CI, where apt installs Chromium).
 *
 * The npm Chromium is brotli-compressed inside the package. It is unpacked once into a
 * directory of our own under the OS temp dir, keyed by package version and user, and reused
 * by every later process and run. The package's own `executablePath()` unpacks into the
 * bare temp dir (`/tmp/chromium`, shared by anything on the machine) and, outside AWS, skips
 * the NSS libraries the binary links against, which a machine without a browser lacks: so
 * it runs in a child process whose TMPDIR is a fresh staging directory and which says it is
 * on Amazon Linux 2023 (the package's own switch for unpacking those libraries); the staging
 * directory is then renamed into place, which is atomic, so two processes racing both end
 * up with one complete copy. The launched browser gets LD_LIBRARY_PATH for those libraries
 * and a fontconfig file of ours: the system's fonts when there are any, plus the Open Sans
 * the package ships, so text renders on a machine with no fonts at all.
 *
 * Flags are ours, never the package's serverless defaults: those include `--single-process`
 * and turn site isolation off, and then a cross-origin frame test would prove nothing.
 */
import { execFile } from "node:child_process";
import { accessSync, constants, existsSync, lstatSync, mkdtempSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";

/**
 * Flags every launch uses: headless, no GPU, nothing that reaches out to Google's services,
 * and site isolation. Desktop Chromium isolates sites by default; the npm one (a
 * chrome-headless-shell build) does not — measured: without the flag its cross-origin
 * frames share the page's renderer process, and the frame tests would pass while
 * proving less than they claim.
 */
export const chromiumArgs: readonly string[] = [
  "--headless",
  "--site-per-process",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Where the browser came from, for logs and reports. */
export type ChromiumSource = "CHROMIUM_PATH" | "system" | "bundled";

export interface FoundChromium {
  executablePath: string;
  source: ChromiumSource;
  /** Variables the browser process needs on top of the caller's environment (empty for a system browser). */
  env: Record<string, string>;
}

/** Paths tried in order when CHROMIUM_PATH is not set. */
const systemPaths = [
  "/usr/bin/chromium", // Debian, Arch
  "/usr/bin/chromium-browser", // Fedora, Alpine (on Ubuntu a snap wrapper: skipped, see isSnap)
  "/usr/bin/google-chrome-stable",
  "/usr/bin/google-chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
];

const installHint = "Install Chromium (Debian/Ubuntu: `apt-get install chromium`; macOS: Google Chrome) or set CHROMIUM_PATH to a Chromium or Chrome executable.";

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Ubuntu's chromium-browser is a script that runs the snap, whose confinement keeps it from
 * the temp-dir profile and pipes the drivers use; the npm Chromium is the better fallback.
 */
function isSnap(path: string): boolean {
  try {
    if (realpathSync(path).startsWith("/snap/")) return true;
    const head = readFileSync(path, { encoding: "latin1", flag: "r" }).slice(0, 4096);
    return head.startsWith("#!") && head.includes("/snap/");
  } catch {
    return false;
  }
}

function browserMode(): "auto" | "system" | "bundled" {
  const value = process.env["ENCLAVE_BROWSER"];
  if (value === undefined || value === "" || value === "auto") return "auto";
  if (value === "system" || value === "bundled") return value;
  throw new Error(`ENCLAVE_BROWSER must be "auto", "system" or "bundled", not ${JSON.stringify(value)}.`);
}

function findSystemChromium(): FoundChromium | undefined {
  const fromEnv = process.env["CHROMIUM_PATH"];
  if (fromEnv !== undefined && fromEnv !== "") {
    if (!isExecutableFile(fromEnv)) throw new Error(`CHROMIUM_PATH is ${JSON.stringify(fromEnv)}, which is not an executable file. ${installHint}`);
    return { executablePath: fromEnv, source: "CHROMIUM_PATH", env: {} };
  }
  const path = systemPaths.find((candidate) => isExecutableFile(candidate) && !isSnap(candidate));
  return path === undefined ? undefined : { executablePath: path, source: "system", env: {} };
}

const require = createRequire(import.meta.url);

/** The installed @sparticuz/chromium's directory and version, or undefined when it is not installed. */
function bundledPackage(): { dir: string; version: string } | undefined {
  let entry: string;
  try {
    entry = require.resolve("@sparticuz/chromium");
  } catch {
    return undefined;
  }
  // Its exports map hides package.json, so walk up from the entry point to it.
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (!existsSync(manifest)) continue;
    const { name, version } = JSON.parse(readFileSync(manifest, "utf8")) as { name?: string; version?: string };
    if (name === "@sparticuz/chromium" && typeof version === "string") return { dir, version };
  }
  return undefined;
}

/** Written beside the unpacked files last; a directory without it is never used. */
const completeMarker = "enclave-complete";

/** What a usable copy holds; checked on reuse too, in case something tidied the temp dir. */
const unpackedFiles = ["chromium", "al2023/lib/libnss3.so", "fonts", "libGLESv2.so"];

/**
 * A directory in the shared temp dir is only trusted when it is ours: a real directory (not
 * a symlink) owned by this user and writable by no one else, so another account on the
 * machine cannot plant a binary for us to run.
 */
function isOwnComplete(dir: string): boolean {
  try {
    const stats = lstatSync(dir);
    if (!stats.isDirectory()) return false;
    if (typeof process.getuid === "function" && stats.uid !== process.getuid()) return false;
    if ((stats.mode & 0o022) !== 0) return false;
    return [completeMarker, "fonts.conf", ...unpackedFiles].every((file) => existsSync(join(dir, file))) && isExecutableFile(join(dir, "chromium"));
  } catch {
    return false;
  }
}

/**
 * Runs the package's own unpacking in a child whose temp dir is `staging` (see the file
 * comment), then adds our fontconfig file, which names `finalDir` where staging will move.
 */
async function unpack(packageDir: string, staging: string, finalDir: string): Promise<void> {
  const script = 'import chromium from "@sparticuz/chromium"; process.stdout.write(await chromium.executablePath());';
  const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "--eval", script], {
    // The bare import resolves from the project root holding node_modules/@sparticuz/chromium.
    cwd: join(packageDir, "..", "..", ".."),
    env: { ...process.env, TMPDIR: staging, AWS_EXECUTION_ENV: "AWS_Lambda_nodejs20.x" },
    timeout: 5 * 60_000,
    maxBuffer: 1024 * 1024,
  });
  if (stdout.trim() !== join(staging, "chromium")) throw new Error(`@sparticuz/chromium unpacked to ${stdout.trim()}, not into ${staging}`);
  for (const needed of unpackedFiles) {
    if (!existsSync(join(staging, needed))) throw new Error(`@sparticuz/chromium did not unpack ${needed}`);
  }
  // Our fontconfig: the system's configuration when there is one, plus the package's fonts.
  writeFileSync(
    join(staging, "fonts.conf"),
    [
      '<?xml version="1.0"?>',
      '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
      "<fontconfig>",
      '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
      `  <dir>${join(finalDir, "fonts")}</dir>`,
      `  <cachedir>${join(finalDir, "fonts-cache")}</cachedir>`,
      "</fontconfig>",
      "",
    ].join("\n"),
  );
  writeFileSync(join(staging, completeMarker), "");
}

async function findBundledChromium(): Promise<FoundChromium> {
  const bundled = bundledPackage();
  if (bundled === undefined) throw new Error(`No Chromium found, and @sparticuz/chromium is not installed (run \`npm install\`). ${installHint}`);
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error(`No Chromium found, and the one in @sparticuz/chromium runs on Linux x64 only (this is ${process.platform} ${process.arch}). ${installHint}`);
  }
  const uid = typeof process.getuid === "function" ? process.getuid() : 0;
  const dir = join(tmpdir(), `enclave-chromium-${bundled.version}-${uid}`);
  if (!isOwnComplete(dir)) {
    const started = Date.now();
    // Beside the final directory, so the rename stays on one file system.
    const staging = mkdtempSync(`${dir}.staging-`);
    try {
      console.error(`Unpacking the Chromium in @sparticuz/chromium ${bundled.version} into ${dir} (once)…`);
      await unpack(bundled.dir, staging, dir);
      if (existsSync(dir) && !isOwnComplete(dir)) rmSync(dir, { recursive: true, force: true });
      try {
        renameSync(staging, dir);
      } catch (error) {
        // Another process finished first: its copy is as good as ours.
        if (!isOwnComplete(dir)) throw error;
      }
      console.error(`Unpacked Chromium in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    } catch (error) {
      throw new Error(`Could not unpack the Chromium in @sparticuz/chromium: ${error instanceof Error ? error.message : String(error)}. ${installHint}`, { cause: error });
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }
  const libraries = join(dir, "al2023", "lib");
  const inherited = process.env["LD_LIBRARY_PATH"];
  return {
    executablePath: join(dir, "chromium"),
    source: "bundled",
    env: {
      LD_LIBRARY_PATH: inherited ? `${libraries}:${inherited}` : libraries,
      FONTCONFIG_PATH: dir,
      FONTCONFIG_FILE: join(dir, "fonts.conf"),
    },
  };
}

let found: Promise<FoundChromium> | undefined;

/** The Chromium to drive, found (and unpacked if need be) once per process. */
export function findChromium(): Promise<FoundChromium> {
  found ??= (async () => {
    const mode = browserMode();
    if (mode !== "bundled") {
      const system = findSystemChromium();
      if (system) return system;
      if (mode === "system") throw new Error(`ENCLAVE_BROWSER=system, and no Chromium was found at ${systemPaths.join(", ")}. ${installHint}`);
    }
    return findBundledChromium();
  })();
  return found;
}

/**
 * What playwright-core's `chromium.launch` (and puppeteer's `launch`) need: the executable,
 * our flags plus `extraArgs`, and the environment with the bundled browser's libraries.
 */
export async function chromiumLaunchOptions(extraArgs: readonly string[] = []): Promise<{ executablePath: string; args: string[]; env: Record<string, string> }> {
  const browser = await findChromium();
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env[name] = value;
  return { executablePath: browser.executablePath, args: [...chromiumArgs, ...extraArgs], env: { ...env, ...browser.env } };
}
