/**
 * `npm run build`: every vite build of vite.config.ts, the precompressed copies of what the
 * widget host serves (frames, loader), then type declarations.
 * `npm run build -- frames loader` builds only those targets.
 */
import { execFileSync } from "node:child_process";
import { build } from "vite";
import { buildTargets } from "../vite.config.js";
import { describeTotals, precompress } from "./compress.js";
import { staleIntegrity } from "./readme-integrity.js";

type Target = keyof typeof buildTargets;
const requested = process.argv.slice(2).filter((name): name is Target => name in buildTargets);
const targets: Target[] = requested.length > 0 ? requested : (Object.keys(buildTargets) as Target[]);

for (const target of targets) {
  console.log(`\n▸ building ${target}`);
  // A target may be several builds (the frames: one per flow), run in order.
  for (const config of [buildTargets[target]].flat()) await build({ ...config, configFile: false, logLevel: "warn" });
}

// What the widget host serves goes out compressed: each build empties its dir, so this follows it.
const served = targets.filter((target) => target === "frames" || target === "loader");
if (served.length > 0) {
  console.log(`\n▸ compressing ${served.join(", ")} (brotli, gzip)`);
  console.log(`  ${describeTotals(await precompress(served.map((target) => `dist/${target}`)))}`);
}

if (requested.length === 0) {
  console.log("\n▸ writing type declarations");
  execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" });
}
if (targets.includes("loader")) {
  const { stale } = await staleIntegrity();
  if (stale.length > 0) console.warn(`\n⚠ the loader changed: ${stale.join(", ")} shows an old integrity hash; run npm run sri`);
}
console.log("\nbuild done");
