// The conversation's state (src/store.js): what survives a reload, and how replies and staff
// messages move it on.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  assistantRecord, awaitStaff, forgetState, freshState, loadState, saveState, takeStaffMessages, waitsForStaff
} from "../src/store.js";

function memoryWindow() {
  const items = new Map();
  return { items, sessionStorage: {
    getItem: (key) => (items.has(key) ? items.get(key) : null),
    setItem: (key, value) => { items.set(key, String(value)); },
    removeItem: (key) => { items.delete(key); }
  } };
}

const blocked = { get sessionStorage() { throw new Error("SecurityError"); } };

test("a saved conversation comes back; nothing, damaged or foreign data does not", () => {
  const win = memoryWindow();
  assert.equal(loadState(win), null);
  const state = { ...freshState(), sessionId: "abc", token: "t", messages: [{ who: "visitor", text: "Hallo" }] };
  saveState(state, win);
  assert.deepEqual(loadState(win), state);
  win.items.set("lotse-chat", "{kaputt");
  assert.equal(loadState(win), null);
  win.items.set("lotse-chat", JSON.stringify({ sessionId: 5, messages: [] }));
  assert.equal(loadState(win), null);
  win.items.set("lotse-chat", JSON.stringify({ sessionId: "abc", messages: "Hallo" }));
  assert.equal(loadState(win), null);
  forgetState(win);
  assert.equal(win.items.size, 0);
});

test("blocked storage: nothing loaded, saving and forgetting do not throw", () => {
  assert.equal(loadState(blocked), null);
  assert.doesNotThrow(() => saveState(freshState(), blocked));
  assert.doesNotThrow(() => forgetState(blocked));
});

test("a fresh conversation has no id yet, is closed and not live", () => {
  const state = freshState();
  assert.deepEqual(state, { sessionId: null, token: null, messages: [], open: false, live: false, relayAfter: 0 });
  assert.notEqual(freshState().messages, state.messages);  // never shared between conversations
});

test("an assistant's reply: buttons need title and payload and become text", () => {
  const record = assistantRecord({ text: "Was suchen Sie?", quick_replies: [
    { title: "Weiterbildung finden", payload: "/find_course" },
    { title: "", payload: "/empty_title" },
    { title: "Ohne Ziel" },
    { title: 7, payload: 8 }
  ] });
  assert.deepEqual(record, { who: "bot", text: "Was suchen Sie?", card: null, buttons: [
    { title: "Weiterbildung finden", payload: "/find_course" }, { title: "7", payload: "8" }] });
  assert.deepEqual(assistantRecord({ buttons: [{ title: "Ja", payload: "/affirm" }] }).buttons,
    [{ title: "Ja", payload: "/affirm" }]);
});

test("an assistant's reply with a card keeps it; one with nothing to show is none", () => {
  const card = { kind: "course", number: 1, title: "Pflegehelfer" };
  assert.deepEqual(assistantRecord({ card }), { who: "bot", text: "", buttons: [], card });
  assert.equal(assistantRecord({ card: "<b>kein Objekt</b>" }), null);
  assert.equal(assistantRecord({}), null);
  assert.equal(assistantRecord({ text: "", buttons: [{ title: "x" }] }), null);
});

test("handing over to staff: waiting, a person joins, the chat goes back to the assistant", () => {
  const state = freshState();
  assert.equal(waitsForStaff({ text: "Bitte bleiben Sie", live_chat: { status: "waiting" } }), true);
  assert.equal(waitsForStaff({ text: "Hallo" }), false);
  awaitStaff(state);
  assert.equal(state.live, true);
  assert.equal(state.staffJoined, false);

  let shown = takeStaffMessages(state, [{ id: 3, kind: "notice", text: "Sie warten auf eine Mitarbeiterin." }], "waiting");
  assert.deepEqual(shown.map((record) => record.who), ["notice"]);
  assert.equal(state.staffJoined, false);
  assert.equal(state.relayAfter, 3);

  shown = takeStaffMessages(state, [{ id: 5, kind: "staff", author: "Frau Becker", text: "Guten Tag" },
    { id: 4, kind: "notice", text: 42 }], "active");
  assert.deepEqual(shown, [
    { who: "staff", author: "Frau Becker", text: "Guten Tag", buttons: [] },
    { who: "notice", author: undefined, text: "42", buttons: [] }]);
  assert.equal(state.relayAfter, 5);  // never back to an older message
  assert.equal(state.live, true);
  assert.equal(state.staffJoined, true);

  shown = takeStaffMessages(state, [{ id: 6, kind: "notice", text: "wieder mit dem digitalen Assistenten" }], "ended");
  assert.equal(shown.length, 1);
  assert.equal(state.live, false);
  assert.equal(state.staffJoined, false);
  assert.equal(state.relayAfter, 6);
});
