// The message text before it reaches the page (src/text.js): markup stays text, only http(s)
// addresses become links.
import assert from "node:assert/strict";
import { test } from "node:test";

import { safeHref, telHref, textParts } from "../src/text.js";

const joined = (parts) => parts.map((part) => part.text).join("");
const links = (parts) => parts.filter((part) => part.href).map((part) => part.href);

test("markup in a message is one plain piece of text, not a link or an element", () => {
  const attack = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">';
  const parts = textParts(attack);
  assert.deepEqual(parts, [{ text: attack }]);
});

test("javascript: is no link; www. addresses link to https", () => {
  const parts = textParts("javascript:alert(1) www.example.org");
  assert.deepEqual(links(parts), ["https://www.example.org/"]);
  assert.equal(joined(parts), "javascript:alert(1) www.example.org");
  assert.equal(parts.find((part) => part.href).text, "www.example.org");
});

test("a sentence's punctuation after an address stays out of the link, and no text is lost", () => {
  const text = "Mehr unter https://www.example.org/kurse/123. Oder (http://example.com/a?b=1)!\nDanke";
  const parts = textParts(text);
  assert.deepEqual(links(parts), ["https://www.example.org/kurse/123", "http://example.com/a?b=1"]);
  assert.deepEqual(parts.filter((part) => part.href).map((part) => part.text),
    ["https://www.example.org/kurse/123", "http://example.com/a?b=1"]);
  assert.equal(joined(parts), text);
});

test("empty and missing text give one empty piece", () => {
  assert.deepEqual(textParts(""), [{ text: "" }]);
  assert.deepEqual(textParts(undefined), [{ text: "" }]);
  assert.deepEqual(textParts(null), [{ text: "" }]);
});

test("safeHref lets through http(s) only", () => {
  assert.equal(safeHref("https://example.org"), "https://example.org/");
  assert.equal(safeHref("http://example.org/x y"), "http://example.org/x%20y");
  assert.equal(safeHref("WWW.example.org"), "https://www.example.org/");
  for (const bad of ["javascript:alert(1)", "data:text/html,<b>x</b>", "ftp://example.org/", "vbscript:x", "/relative", ""]) {
    assert.equal(safeHref(bad), null, bad);
  }
});

test("telHref keeps digits and + of a phone number, and refuses what is too short", () => {
  assert.equal(telHref("0800 123 45 67"), "tel:08001234567");
  assert.equal(telHref("+49 (391) 56-0"), "tel:+49391560");
  assert.equal(telHref("1234"), null);
  assert.equal(telHref("javascript:alert(1)"), null);
  assert.equal(telHref(undefined), null);
});
