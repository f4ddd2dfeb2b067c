/**
 * `npm run build`: every vite build of vite.config.ts, then type declarations.
 * `npm run build -- frames loader` builds only those targets.
 */
import { execFileSync } from "node:child_process";
import { build } from "vite";
import { buildTargets } from "../vite.config.js";
import { staleIntegrity } from "./readme-integrity.js";

type Target = keyof typeof buildTargets;
const requested = process.argv.slice(2).filter((name): name is Target => name in buildTargets);
const targets: Target[] = requested.length > 0 ? requested : (Object.keys(buildTargets) as Target[]);

for (const target of targets) {
  console.log(`\n▸ building ${target}`);
  await build({ ...buildTargets[target], configFile: false, logLevel: "warn" });
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
