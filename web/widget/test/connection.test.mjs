// The connection's parts that need no network (src/connection.js): messages wait until Rasa has
// confirmed the session, then go in order; the relay's addresses.
import assert from "node:assert/strict";
import { test } from "node:test";

import { flush, relayBase, relayMessagesUrl, sendText, tokenHeaders } from "../src/connection.js";

function fakeSocket(ready) {
  const sent = [];
  return { ready, pending: [], sent, emit: (event, data) => { sent.push([event, data]); } };
}

test("messages typed before the session is confirmed wait, then go in order", () => {
  const socket = fakeSocket(false);
  sendText(socket, "s1", "Hallo");
  sendText(socket, "s1", "Pflege in Halle");
  assert.deepEqual(socket.sent, []);
  socket.ready = true;
  flush(socket);
  assert.deepEqual(socket.sent, [
    ["user_uttered", { message: "Hallo", session_id: "s1" }],
    ["user_uttered", { message: "Pflege in Halle", session_id: "s1" }]]);
  assert.deepEqual(socket.pending, []);
  sendText(socket, "s1", "Danke");
  assert.deepEqual(socket.sent.at(-1), ["user_uttered", { message: "Danke", session_id: "s1" }]);
});

test("a flush stops when the session is lost on the way", () => {
  const socket = fakeSocket(false);
  sendText(socket, "s1", "eins");
  sendText(socket, "s1", "zwei");
  socket.ready = true;
  socket.emit = (event, data) => { socket.sent.push([event, data]); socket.ready = false; };
  flush(socket);
  assert.deepEqual(socket.sent.map(([, data]) => data.message), ["eins"]);
  assert.deepEqual(socket.pending.map((data) => data.message), ["zwei"]);
});

test("the relay's addresses: no double slash, id and position encoded", () => {
  const base = relayBase({ relayUrl: "https://www.example.org/" });
  assert.equal(base, "https://www.example.org");
  assert.equal(relayMessagesUrl(base, { sessionId: "a/b?c", relayAfter: 7 }),
    "https://www.example.org/chat/a%2Fb%3Fc/messages?after=7");
  assert.equal(relayMessagesUrl(base, { sessionId: "abc" }), "https://www.example.org/chat/abc/messages?after=0");
  assert.deepEqual(tokenHeaders(null), { "X-Lotse-Conversation-Token": "" });
});
