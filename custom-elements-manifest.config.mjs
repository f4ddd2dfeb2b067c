/**
 * `npm run analyze`: the custom-elements manifest, read from JSDoc (@summary, @event,
 * @csspart, @cssprop, @attr) by @custom-elements-manifest/analyzer.
 *
 * One analysis, two audiences:
 * - `custom-elements.json` (package.json `customElements`): the public host elements of
 *   `src/elements/`, what a merchant's editor and tools should offer;
 * - `.storybook/custom-elements.frames.json`: the frame views of `src/frames/`, which live
 *   only inside the widget host's frames, so Storybook's autodocs can describe them
 *   without advertising them to merchants.
 *
 * Our elements are defined through `defineElement(tag, Class)` (it tolerates a second copy
 * of the script), which the analyzer does not know; `defineElementCallsPlugin` teaches it.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

const publicRoot = "src/elements/";
const storybookManifestPath = ".storybook/custom-elements.frames.json";

/**
 * Reads `defineElement("enclave-x", EnclaveX)` as the analyzer reads
 * `customElements.define("enclave-x", EnclaveX)`: a custom-element definition whose
 * declaration lives where `EnclaveX` was imported from.
 */
function defineElementCallsPlugin() {
  /** Imported name → the importing module's specifier, for the module being analysed. */
  let importedFrom = new Map();
  return {
    name: "enclave-define-element-calls",
    analyzePhase({ ts, node, moduleDoc }) {
      if (ts.isSourceFile(node)) importedFrom = new Map();
      if (ts.isImportDeclaration(node) && node.importClause?.namedBindings && ts.isNamedImports(node.importClause.namedBindings)) {
        for (const element of node.importClause.namedBindings.elements) importedFrom.set(element.name.text, node.moduleSpecifier.text);
      }
      if (!ts.isCallExpression(node) || node.expression.getText() !== "defineElement") return;
      const [tag, klass] = node.arguments;
      if (!tag || !klass || !ts.isStringLiteral(tag) || !ts.isIdentifier(klass)) return;
      const specifier = importedFrom.get(klass.text);
      // Sources import "./x.component.js"; the manifest names the TypeScript file it read.
      const module = specifier ? new URL(specifier, `file:///${moduleDoc.path}`).pathname.slice(1).replace(/\.js$/, ".ts") : moduleDoc.path;
      moduleDoc.exports = [...(moduleDoc.exports ?? []), { kind: "custom-element-definition", name: tag.text, declaration: { name: klass.text, module } }];
    },
    packageLinkPhase({ customElementsManifest }) {
      const definitions = customElementsManifest.modules.flatMap((module) => module.exports ?? []).filter((entry) => entry.kind === "custom-element-definition");
      for (const declaration of classes(customElementsManifest)) {
        const definition = definitions.find((entry) => entry.declaration.name === declaration.name);
        if (!definition) continue;
        declaration.tagName = definition.name;
        declaration.customElement = true;
      }
    },
  };
}

/**
 * Keeps what a user of an element may rely on: private and protected members, lit's
 * `styles`/`properties` statics and the base classes' plumbing have no semver promise
 * and would only crowd the docs tables. Also links each attribute to its property.
 */
function publicApiOnlyPlugin() {
  const isPublic = (member) => !member.privacy || member.privacy === "public";
  const isPlumbing = (member) => member.static && ["styles", "properties", "observedAttributes", "shadowRootOptions"].includes(member.name);
  // The analyzer reads `this.root.adoptedStyleSheets = …` in a constructor as a field of the element.
  const misreadFields = new Set(["adoptedStyleSheets"]);
  // Events dispatched as `new CustomEvent(name, …)` inside `emit()` come out named "name";
  // the real ones are listed by @event.
  const isNamedEvent = (event) => /^enclave-[a-z-]+$/.test(event.name);
  const camelCase = (attribute) => attribute.replace(/-([a-z])/g, (_, letter) => letter.toUpperCase());
  return {
    name: "enclave-public-api-only",
    packageLinkPhase({ customElementsManifest }) {
      for (const declaration of classes(customElementsManifest)) {
        const removed = new Set((declaration.members ?? []).filter((member) => !isPublic(member)).map((member) => member.name));
        declaration.members = (declaration.members ?? []).filter((member) => isPublic(member) && !isPlumbing(member) && !misreadFields.has(member.name));
        if (declaration.events) declaration.events = declaration.events.filter(isNamedEvent);
        if (declaration.attributes) {
          // Attributes of internal state (lit's `state: true`) go with their private field.
          declaration.attributes = declaration.attributes.filter((attribute) => !removed.has(attribute.fieldName ?? attribute.name));
          for (const attribute of declaration.attributes) {
            const field = declaration.members.find((member) => member.kind === "field" && member.name === camelCase(attribute.name));
            if (field && !attribute.fieldName) attribute.fieldName = field.name;
            if (field && !attribute.type && field.type) attribute.type = field.type;
          }
        }
        // Imports name "/src/x.js"; the manifest names the module it read, "src/x.ts".
        if (declaration.superclass?.module) declaration.superclass.module = declaration.superclass.module.replace(/^\//, "").replace(/\.js$/, ".ts");
      }
    },
  };
}

/** Writes the frame views to Storybook's manifest and leaves only the public elements in the package's. */
function splitForStorybookPlugin() {
  return {
    name: "enclave-split-for-storybook",
    packageLinkPhase({ customElementsManifest }) {
      const definesElement = (module) => module.declarations?.some((declaration) => declaration.customElement && declaration.tagName);
      const frames = customElementsManifest.modules.filter((module) => !module.path.startsWith(publicRoot) && definesElement(module));
      mkdirSync(dirname(storybookManifestPath), { recursive: true });
      writeFileSync(storybookManifestPath, `${JSON.stringify({ ...customElementsManifest, modules: frames }, null, 2)}\n`);
      customElementsManifest.modules = customElementsManifest.modules.filter((module) => module.path.startsWith(publicRoot));
    },
  };
}

function classes(manifest) {
  return manifest.modules.flatMap((module) => module.declarations ?? []).filter((declaration) => declaration.kind === "class");
}

export default {
  globs: [`${publicRoot}**/*.ts`, "src/frames/**/*.ts"],
  // Frame pages' entry points, controllers and API clients define no element.
  exclude: ["src/elements/loader.ts", "src/frames/*/main.ts", "src/frames/**/*-controller.ts", "src/frames/**/*-client.ts", "src/frames/frame-shell.ts"],
  outdir: ".",
  // package.json already names the manifest; the analyzer would otherwise rewrite the whole file.
  packagejson: false,
  litelement: true,
  plugins: [defineElementCallsPlugin(), publicApiOnlyPlugin(), splitForStorybookPlugin()],
};
