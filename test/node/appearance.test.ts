/**
 * `appearance` as a merchant writes it: what is accepted, what is refused (with a code and
 * the path of the bad value), and the CSS the frames make of accepted rules.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseAppearance } from "../../src/protocol/appearance.js";
import { rulesCss } from "../../src/frames/ui/theme.js";

describe("appearance", () => {
  it("accepts every theme, the eight variables and rules for parts and their states", () => {
    const value = {
      theme: "flat",
      variables: {
        colorPrimary: "#0f766e",
        colorBackground: "rgb(250, 250, 250)",
        colorText: "hsl(220 20% 10%)",
        colorDanger: "crimson",
        fontFamily: "'Inter', system-ui, sans-serif",
        fontSizeBase: "15px",
        spacingUnit: "0.25rem",
        borderRadius: "0",
      },
      rules: {
        input: { "border-color": "#ccc", "box-shadow": "0 1px 2px rgba(0, 0, 0, 0.1)" },
        "input:focus": { "border-color": "#0f766e" },
        "input--invalid": { "border-color": "crimson" },
        "button:hover": { "background-color": "linear-gradient(#fff, #eee)" },
        label: { "text-transform": "uppercase", "letter-spacing": "0.04em" },
      },
    };
    for (const theme of ["default", "night", "flat"]) assert.equal(parseAppearance({ ...value, theme }).error, undefined);
  });

  const hostileValues = [
    "red; background: blue",
    "red} body { display: none",
    "url(https://evil.example/x.png)",
    "expression(alert(1))",
    "@import 'x'",
    "red /* */",
    "image-set('x' 1x)",
    "</style>",
    "\\75rl(x)",
  ];
  for (const hostile of hostileValues) {
    it(`refuses ${JSON.stringify(hostile)} in a variable and in a rule`, () => {
      const inVariable = parseAppearance({ variables: { colorText: hostile } });
      assert.equal(inVariable.error?.code, "invalid_appearance");
      assert.match(inVariable.error?.message ?? "", /appearance\.variables\.colorText/);
      const inRule = parseAppearance({ rules: { button: { color: hostile } } });
      assert.equal(inRule.error?.code, "invalid_appearance");
      assert.match(inRule.error?.message ?? "", /appearance\.rules\.button\.color/);
      assert.equal(inRule.appearance, undefined, "nothing of a refused appearance is used");
    });
  }

  it("refuses properties that could move, hide or fill a part, unknown parts and unknown states", () => {
    for (const property of ["position", "display", "content", "z-index", "inset", "background-image", "visibility"]) {
      assert.equal(parseAppearance({ rules: { input: { [property]: "none" } } }).error?.code, "invalid_appearance", property);
    }
    assert.equal(parseAppearance({ rules: { body: { color: "red" } } }).error?.code, "invalid_appearance");
    assert.equal(parseAppearance({ rules: { "input:before": { color: "red" } } }).error?.code, "invalid_appearance");
    assert.equal(parseAppearance({ variables: { colorHotPink: "#f0f" } }).error?.code, "invalid_appearance");
    assert.equal(parseAppearance({ theme: "neon" }).error?.code, "invalid_appearance");
    assert.equal(parseAppearance({ extra: true }).error?.code, "invalid_appearance");
  });

  it("turns rules into part selectors whose declarations win over the frame's own styles", () => {
    const css = rulesCss({
      input: { "border-color": "#ccc" },
      "input:focus": { outline: "2px solid #0f766e" },
      "input--invalid": { color: "crimson" },
      "button:hover": { opacity: "0.9" },
    });
    assert.equal(
      css,
      [
        '[part~="input"] { border-color: #ccc !important; }',
        '[part~="input"]:focus { outline: 2px solid #0f766e !important; }',
        '[part~="input"][aria-invalid="true"] { color: crimson !important; }',
        '[part~="button"]:hover:not(:disabled) { opacity: 0.9 !important; }',
      ].join("\n"),
    );
    assert.equal(rulesCss(undefined), "");
  });
});
