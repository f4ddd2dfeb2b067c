/**
 * Reads a V8 `.cpuprofile` (node --cpu-prof) and prints the functions with the most self
 * time and the most total time (self + callees), and the share of idle time: where the
 * widget host's time goes under the HTTP bench's load (bench/http.ts,
 * BENCH_HOST_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=DIR").
 *
 * `node --import tsx bench/profile-top.ts <file.cpuprofile> [rows]`
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, rowsText] = process.argv.slice(2);
if (!file) {
  console.error("usage: profile-top.ts <file.cpuprofile> [rows]");
  process.exit(2);
}
const rows = Number(rowsText ?? 25);
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const selfMs = new Map<number, number>();
profile.samples.forEach((id, index) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000));
const total = [...selfMs.values()].reduce((sum, ms) => sum + ms, 0);

const label = (node: ProfileNode): string => {
  const url = node.callFrame.url.replace(/^file:\/\/.*?node_modules\//, "").replace(/^file:\/\/.*?\/(src|dist)\//, "$1/");
  return `${node.callFrame.functionName || "(anonymous)"} ${url}:${node.callFrame.lineNumber + 1}`;
};
const self = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, ms] of selfMs) {
  const node = byId.get(id);
  if (!node) continue;
  self.set(label(node), (self.get(label(node)) ?? 0) + ms);
  // Each function on the stack once, however deep the recursion.
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const frame = byId.get(at);
    if (!frame) break;
    const name = label(frame);
    if (!seen.has(name)) inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
    seen.add(name);
  }
}
const top = (map: Map<string, number>): string =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, rows)
    .map(([name, ms]) => `${((ms / total) * 100).toFixed(1).padStart(5)}%  ${ms.toFixed(0).padStart(7)} ms  ${name}`)
    .join("\n");
console.log(`total ${total.toFixed(0)} ms sampled\n\nself time\n${top(self)}\n\ntotal time\n${top(inclusive)}`);
