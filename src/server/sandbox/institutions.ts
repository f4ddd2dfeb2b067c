/**
 * The sandbox's catalog of banks: fictional institutions with stable ids, a brand colour
 * and initials (the frame draws them as the logo), how the customer signs in, and which
 * ones the institution picker shows before anything is typed. Ids are written out, not
 * computed, so that adding a bank never renumbers another: merchants and tests keep them.
 */
import type { Institution } from "../../protocol/bank-link-api.js";

type Entry = [id: string, name: string, color: string, flags?: { oauth?: true; popular?: true }];

// prettier-ignore
const entries: Entry[] = [
  ["ins_100001", "Sandbox Savings Bank", "#0a7c66", { popular: true }],
  ["ins_100002", "Sandbox OAuth Bank", "#3b5bdb", { oauth: true, popular: true }],
  ["ins_100003", "Harborview National Bank", "#1d4ed8", { popular: true }],
  ["ins_100004", "Summit Ridge Bank", "#b91c1c", { popular: true }],
  ["ins_100005", "Meridian Federal", "#7c3aed", { oauth: true, popular: true }],
  ["ins_100006", "Evergreen Trust", "#15803d", { popular: true }],
  ["ins_100007", "Northstar Credit Union", "#0f766e", { popular: true }],
  ["ins_100008", "Bluewater Bank", "#0369a1", { oauth: true, popular: true }],
  ["ins_100009", "Liberty Square Bank", "#9a3412", { popular: true }],
  ["ins_100010", "Keystone Savings", "#a16207", { popular: true }],
  ["ins_100011", "Granite State Bank", "#475569"],
  ["ins_100012", "Cascade Community Credit Union", "#0e7490"],
  ["ins_100013", "Prairie Wind Bank", "#ca8a04"],
  ["ins_100014", "Redwood Coast Bank", "#9f1239"],
  ["ins_100015", "Silver Lake Savings", "#64748b"],
  ["ins_100016", "Ironbridge Bank", "#334155"],
  ["ins_100017", "Golden Valley Federal Credit Union", "#b45309"],
  ["ins_100018", "Lakeshore Trust", "#1e40af"],
  ["ins_100019", "Magnolia Bank & Trust", "#be185d"],
  ["ins_100020", "Copper Canyon Credit Union", "#c2410c"],
  ["ins_100021", "Blue Ridge Savings Bank", "#2563eb"],
  ["ins_100022", "Atlantic Harbor Bank", "#075985"],
  ["ins_100023", "Pacific Crest Bank", "#0891b2", { oauth: true }],
  ["ins_100024", "Heartland First Bank", "#dc2626"],
  ["ins_100025", "Riverbend Credit Union", "#059669"],
  ["ins_100026", "Old Mill Savings", "#78350f"],
  ["ins_100027", "Cedar Point Bank", "#166534"],
  ["ins_100028", "Stonegate Federal", "#57534e"],
  ["ins_100029", "Twin Rivers Bank", "#1d4ed8"],
  ["ins_100030", "Aspen Grove Credit Union", "#65a30d"],
  ["ins_100031", "Beacon Hill Bank", "#7f1d1d"],
  ["ins_100032", "Citadel Community Bank", "#4338ca"],
  ["ins_100033", "Desert Bloom Credit Union", "#d97706"],
  ["ins_100034", "First Lantern Bank", "#eab308"],
  ["ins_100035", "Foxglove Savings & Loan", "#a21caf"],
  ["ins_100036", "Gateway City Bank", "#0f172a"],
  ["ins_100037", "Highland Plains Bank", "#3f6212"],
  ["ins_100038", "Juniper Federal Credit Union", "#047857"],
  ["ins_100039", "Kingfisher Bank", "#0284c7"],
  ["ins_100040", "Lighthouse Credit Union", "#e11d48"],
  ["ins_100041", "Maple Leaf Savings", "#b91c1c"],
  ["ins_100042", "Nova Digital Bank", "#6d28d9", { oauth: true }],
  ["ins_100043", "Oakmont National Bank", "#14532d"],
  ["ins_100044", "Pinecrest Credit Union", "#15803d"],
  ["ins_100045", "Quarry Rock Bank", "#44403c"],
  ["ins_100046", "Rosewood Savings Bank", "#9d174d"],
  ["ins_100047", "Sagebrush Community Bank", "#4d7c0f"],
  ["ins_100048", "Tidewater Federal Credit Union", "#155e75"],
  ["ins_100049", "Union Square Bank", "#1e3a8a"],
  ["ins_100050", "Valley Forge Savings", "#92400e"],
  ["ins_100051", "Willow Creek Bank", "#16a34a"],
  ["ins_100052", "Yellowstone Credit Union", "#a16207"],
  ["ins_100053", "Zephyr Online Bank", "#0ea5e9", { oauth: true }],
  ["ins_100054", "Brightwater Credit Union", "#0369a1"],
  ["ins_100055", "Crescent Moon Bank", "#312e81"],
  ["ins_100056", "Dockside Savings", "#0c4a6e"],
];

const minorWords = new Set(["and", "of", "the", "&"]);

/** Two letters from the first two significant words: "Sandbox OAuth Bank" → "SO". */
function initials(name: string): string {
  const words = name.split(/\s+/).filter((word) => !minorWords.has(word.toLowerCase()));
  return words
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase() ?? "")
    .join("");
}

export const institutions: readonly Institution[] = entries.map(([id, name, color, flags = {}]) => ({
  id,
  name,
  auth: flags.oauth ? "oauth" : "credentials",
  popular: flags.popular === true,
  logo: { color, initials: initials(name) },
}));

const byId = new Map(institutions.map((institution) => [institution.id, institution]));

export function findInstitution(id: string): Institution | undefined {
  return byId.get(id);
}

/** Lower case, accents and punctuation folded away: "Magnolia Bank & Trust" → "magnolia bank trust". */
function normalize(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

const searchable = institutions.map((institution) => {
  const name = normalize(institution.name);
  return { institution, name, words: name.split(" ") };
});

/** 0: the name starts with the query; 1: every query word starts a word of the name; 2: a substring; undefined: no match. */
function matchRank(entry: (typeof searchable)[number], query: string): number | undefined {
  if (entry.name.startsWith(query)) return 0;
  const terms = query.split(" ");
  if (terms.every((term) => entry.words.some((word) => word.startsWith(term)))) return 1;
  if (entry.name.includes(query)) return 2;
  return undefined;
}

export interface InstitutionSearch {
  query?: string | undefined;
  /** Only the popular ones. */
  popularOnly?: boolean;
  limit: number;
}

/**
 * Case- and accent-insensitive search by word prefix or substring, popular institutions
 * first, then the closer matches, then by name. No query: the popular institutions, in
 * the catalog's order.
 */
export function searchInstitutions({ query = "", popularOnly = false, limit }: InstitutionSearch): Institution[] {
  const wanted = normalize(query);
  const matches: { institution: Institution; rank: number }[] = [];
  for (const entry of searchable) {
    if ((popularOnly || wanted === "") && !entry.institution.popular) continue;
    const rank = wanted === "" ? 0 : matchRank(entry, wanted);
    if (rank !== undefined) matches.push({ institution: entry.institution, rank });
  }
  matches.sort(
    (a, b) =>
      Number(b.institution.popular) - Number(a.institution.popular) ||
      a.rank - b.rank ||
      // Without a query, the catalog's own order (the sandbox banks lead); with one, by name.
      (wanted === "" ? 0 : a.institution.name.localeCompare(b.institution.name, "en")),
  );
  return matches.slice(0, limit).map((match) => match.institution);
}
