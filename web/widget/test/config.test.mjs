// Reading the configuration (src/config.js): the page's JSON block or global over the defaults.
import assert from "node:assert/strict";
import { test } from "node:test";

import { DEFAULTS, configFrom, givenConfig, scriptBase } from "../src/config.js";

const ORIGIN = "https://www.example.org";

function page(blockText) {
  return { getElementById: (id) => (id === "lotse-chat-config" && blockText !== undefined ? { textContent: blockText } : null) };
}

test("without anything given: the defaults, the relay at the script's origin", () => {
  const config = configFrom({}, ORIGIN);
  assert.deepEqual(config, { ...DEFAULTS, relayUrl: ORIGIN });
  assert.equal(config.rasaUrl, "http://localhost:5005");
  assert.equal(config.maxLength, 500);
});

test("known keys are taken, unknown keys and null are not", () => {
  const config = configFrom({ rasaUrl: "https://chat.example.org", retentionDays: 30, privacyUrl: "/datenschutz",
    title: null, relayUrl: undefined, onerror: "alert(1)", __proto__x: 1 }, ORIGIN);
  assert.equal(config.rasaUrl, "https://chat.example.org");
  assert.equal(config.retentionDays, 30);
  assert.equal(config.privacyUrl, "/datenschutz");
  assert.equal(config.title, "Weiterbildungslotse");
  assert.equal(config.relayUrl, ORIGIN);
  assert.ok(!("onerror" in config) && !("__proto__x" in config));
});

test("maxLength is a number between 50 and 2,000 (500 when not one)", () => {
  const cases = [[10, 50], [99999, 2000], ["800", 800], ["abc", 500], [0, 500], [1999.9, 1999], [null, 500]];
  for (const [given, expected] of cases) {
    assert.equal(configFrom({ maxLength: given }, ORIGIN).maxLength, expected, String(given));
  }
});

test("the JSON block wins over the global; a damaged block counts as nothing", () => {
  const global = { lotseChatConfig: { title: "Global" } };
  assert.deepEqual(givenConfig(page('{"title": "Block"}'), global), { title: "Block" });
  assert.deepEqual(givenConfig(page("{title: kaputt"), global), {});
  assert.deepEqual(givenConfig(page(""), global), {});
  assert.deepEqual(givenConfig(page(undefined), global), { title: "Global" });
  assert.deepEqual(givenConfig(page(undefined), { lotseChatConfig: "title=x" }), {});
  assert.deepEqual(givenConfig(page(undefined), {}), {});
});

test("a block of JSON null or a number does not break the configuration", () => {
  for (const text of ["null", "5", "\"text\"", "[1, 2]"]) {
    assert.deepEqual(configFrom(givenConfig(page(text), {}), ORIGIN), { ...DEFAULTS, relayUrl: ORIGIN }, text);
  }
});

test("the stylesheet's folder: the script's own, else /static/widget/ of the page", () => {
  assert.equal(scriptBase({ src: "https://cdn.example.org/static/widget/lotse-chat.js?v=2" }, "https://a.example/x").href,
    "https://cdn.example.org/static/widget/");
  assert.equal(scriptBase(null, "https://www.example.org/seite/unter?x=1").href,
    "https://www.example.org/static/widget/");
});
