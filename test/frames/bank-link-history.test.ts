/**
 * The bank-link history "Back" walks (src/frames/bank-link/link-history.ts), as pure
 * functions: moving on keeps what a rule keeps, and nothing secret stays in a step left.
 */
import { expect } from "@open-wc/testing";
import { moveOn, replaceLast, withoutSecrets } from "../../src/frames/bank-link/link-history.js";
import { emptyCredentials, emptyMfa, emptyOAuth, type Institution, type StepScreen } from "../../src/frames/bank-link/model.js";

const bank: Institution = { id: "ins_1", name: "Sandbox Savings Bank", auth: "credentials", popular: true, logo: { color: "#0a7d45", initials: "SS" } };
const credentials: StepScreen = {
  name: "credentials",
  institution: bank,
  credentials: { ...emptyCredentials(), username: "user_good", password: "pass_good", showPassword: true, busy: true },
};
const mfa: StepScreen = { name: "mfa", institution: bank, mfa: { ...emptyMfa(), code: "123456", attempted: true } };

describe("bank-link history", () => {
  it("moves on with the password and the code dropped from the steps left, the username kept", () => {
    const history = moveOn([{ name: "consent" }, { name: "select_institution" }, credentials], mfa);
    expect(history.map((step) => step.name)).to.deep.equal(["consent", "select_institution", "credentials", "mfa"]);
    expect(history[2]).to.deep.equal({ ...credentials, credentials: { ...emptyCredentials(), username: "user_good" } });
    expect(withoutSecrets(mfa)).to.deep.equal({ ...mfa, mfa: emptyMfa() });
    expect(withoutSecrets({ name: "oauth", institution: bank, oauth: { status: "waiting", authorizationUrl: "https://bank.example/", error: null } })).to.deep.equal({
      name: "oauth",
      institution: bank,
      oauth: emptyOAuth(),
    });
  });

  it("keeps only what a rule keeps, and replaces the step on show", () => {
    const history = moveOn([{ name: "consent" }, { name: "select_institution" }, credentials, mfa], { name: "consent" }, () => false);
    expect(history).to.deep.equal([{ name: "consent" }]);
    expect(replaceLast([{ name: "consent" }, mfa], credentials)).to.deep.equal([{ name: "consent" }, credentials]);
  });
});
