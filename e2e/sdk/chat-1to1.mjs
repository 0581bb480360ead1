#!/usr/bin/env node
// One-to-one chat with the OpenIM JS SDK against a Parley server.
//
//   node chat-1to1.mjs --api http://127.0.0.1:10001 --ws ws://127.0.0.1:10001 --secret openIM123
//                      [--timeout 60] [--verbose]
//
// Scenario (fresh user IDs every run):
//   1. admin token; register A and B; a Web (platform 5) token for each; both log in.
//   2. A sends B one text. B gets it through OnRecvNewMessages, seq 1, right text.
//   3. B's socket drops (as on a network failure). A sends 3 more texts while B is away.
//      The SDK reconnects after 5 s with its caches intact (isReconnected=true), sees the
//      server's higher maxSeq for the conversation and pulls the gap: OnRecvNewMessages
//      delivers the 3 missed texts (seqs 2..4). That is the only path on which the SDK
//      surfaces missed messages as new; a fresh login starts with empty caches and shows
//      them in history only.
//   4. B's history (getAdvancedHistoryMessageList on si_<min>_<max>) holds seqs 1..4, no holes.
//   5. B logs out and logs in again with the same token (empty caches): the history, now all
//      read from the server, still holds seqs 1..4.
//   6. A never got its own messages through OnRecvNewMessages; B got each message once.
//
// Prints one JSON line (every check with expected/actual) on stdout, progress on stderr.
// Exit code 0 only if every check passed; 1 otherwise (also on the hard timeout); 2 on usage.

import {
  CbEvents,
  Platform,
  SdkUser,
  UsageError,
  brief,
  getAdminToken,
  getUserToken,
  parseArgs,
  progress,
  registerUsers,
  routeConsole,
  runScenario,
  runSuffix,
  singleConversationID,
  textOf,
} from './lib/parley-client.mjs';

const SCENARIO = 'chat-1to1';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let opts;
try {
  // --ws-b: B's gateway, when it differs from A's (several gateway processes of one cluster).
  opts = parseArgs(process.argv.slice(2), { 'ws-b': '' });
} catch (e) {
  if (!(e instanceof UsageError)) throw e;
  if (e.message) process.stderr.write(`${SCENARIO}: ${e.message}\n`);
  process.stderr.write(
    `usage: node chat-1to1.mjs [--api http://127.0.0.1:10001] [--ws ws://127.0.0.1:10001] ` +
      `[--ws-b ws://127.0.0.1:10002] [--secret openIM123] [--timeout 60] [--verbose]\n`,
  );
  process.exit(2);
}

routeConsole(opts.verbose);
const say = (m) => progress(SCENARIO, m);

// Waits, in ms. The SDK reconnects 5 s after a drop; its sync then runs over several requests.
const LOGIN_MS = 10_000;
const RECV_MS = 10_000;
const RECONNECT_MS = 20_000;

await runScenario(SCENARIO, opts, async (report) => {
  const suffix = runSuffix();
  const aID = `a${suffix}`;
  const bID = `b${suffix}`;
  const conversationID = singleConversationID(aID, bID);
  report.info = { api: opts.api, ws: opts.ws, wsB: opts['ws-b'] || opts.ws, users: { a: aID, b: bID }, conversationID };

  // 1. Tokens and login ------------------------------------------------------------------------
  say(`admin token from ${opts.api}`);
  const adminToken = await getAdminToken(opts.api, opts.secret);
  say(`register ${aID}, ${bID}`);
  await registerUsers(opts.api, adminToken, [
    { userID: aID, nickname: `Alice ${suffix}` },
    { userID: bID, nickname: `Bob ${suffix}` },
  ]);
  const [aToken, bToken] = await Promise.all([
    getUserToken(opts.api, adminToken, aID, Platform.Web),
    getUserToken(opts.api, adminToken, bID, Platform.Web),
  ]);

  const common = { platformID: Platform.Web, api: opts.api, ws: opts.ws, verbose: opts.verbose };
  const a = new SdkUser({ name: 'A', userID: aID, token: aToken, ...common });
  const b = new SdkUser({ name: 'B', userID: bID, token: bToken, ...common, ws: opts['ws-b'] || opts.ws });

  try {
    say('A and B log in');
    const [aLogin, bLogin] = await Promise.all([
      a.login({ timeoutMs: LOGIN_MS }),
      b.login({ timeoutMs: LOGIN_MS }),
    ]);
    report.check('A.login.sync', 'finish', aLogin.sync === 'finish' ? 'finish' : `${aLogin.sync}: ${aLogin.syncError}`);
    report.check('B.login.sync', 'finish', bLogin.sync === 'finish' ? 'finish' : `${bLogin.sync}: ${bLogin.syncError}`);

    // 2. First message -----------------------------------------------------------------------
    const texts = [1, 2, 3, 4].map((n) => `hello ${n} from ${aID}`);
    const sent = [];
    let since = b.cursor();
    say('A sends message 1');
    sent.push(await a.sendText({ recvID: bID, text: texts[0] }));
    report.check('A.send1.serverMsgID', 'non-empty', sent[0]?.serverMsgID ? 'non-empty' : sent[0]?.serverMsgID ?? null);

    const first = await b.collectMessages({
      since,
      count: 1,
      timeoutMs: RECV_MS,
      pred: (m) => m.sendID === aID,
    });
    report.check(
      'B.recv1',
      { count: 1, seq: 1, text: texts[0], sendID: aID, recvID: bID, sessionType: 1, conversationID },
      first.length
        ? {
            count: first.length,
            seq: first[0].seq,
            text: textOf(first[0]),
            sendID: first[0].sendID,
            recvID: first[0].recvID,
            sessionType: first[0].sessionType,
            conversationID: singleConversationID(first[0].sendID, first[0].recvID),
          }
        : { count: 0 },
    );
    report.check('B.recv1.clientMsgID', sent[0]?.clientMsgID, first[0]?.clientMsgID ?? null);

    // 3. Drop B, send three, B reconnects ------------------------------------------------------
    // A short pause first, so a duplicate push of message 1 would still be seen.
    await sleep(300);
    since = b.cursor();
    say('B drops its socket; the SDK reconnects in 5 s');
    const droppedAt = Date.now();
    b.dropConnection();
    // Give the server a moment to see the close before A sends (B is offline either way: the
    // SDK waits 5 s before reconnecting).
    await sleep(300);
    for (let i = 1; i < 4; i++) {
      say(`A sends message ${i + 1}`);
      sent.push(await a.sendText({ recvID: bID, text: texts[i] }));
    }
    const sentWhileAway = Date.now() - droppedAt;
    report.check('A.sent3.whileBAway', 'before B reconnects (< 5000 ms)', sentWhileAway < 5000 ? 'before B reconnects (< 5000 ms)' : `${sentWhileAway} ms`);

    const reconnected = await b
      .waitFor(CbEvents.OnConnectSuccess, { since, timeoutMs: RECONNECT_MS, what: 'reconnect (OnConnectSuccess)' })
      .then(() => true, () => false);
    report.check('B.reconnect', { reconnected: true, isReconnected: true }, { reconnected, isReconnected: b.isReconnected });

    const missed = await b.collectMessages({
      since,
      count: 3,
      timeoutMs: RECV_MS,
      pred: (m) => m.sendID === aID,
    });
    report.check(
      'B.recvMissed',
      texts.slice(1).map((text, i) => ({ seq: i + 2, text })),
      missed.map((m) => ({ seq: m.seq, text: textOf(m) })).sort((x, y) => x.seq - y.seq),
    );
    const reSync = await b.waitSync({ since, timeoutMs: RECV_MS });
    report.check('B.reconnect.sync', 'finish', reSync.sync === 'finish' ? 'finish' : `${reSync.sync}: ${reSync.syncError}`);

    // 4. History in the live session ---------------------------------------------------------
    say(`B reads the history of ${conversationID}`);
    const live = await b.history(conversationID, 20);
    report.check(
      'B.history',
      texts.map((text, i) => ({ seq: i + 1, text })),
      live.map((m) => ({ seq: m.seq, text: textOf(m) })).sort((x, y) => x.seq - y.seq),
    );

    // 5. Fresh login: history from the server only ---------------------------------------------
    say('B logs out and logs in again (same token, empty caches)');
    await b.logout();
    const bAgain = await b.login({ timeoutMs: LOGIN_MS });
    report.check('B.relogin.sync', 'finish', bAgain.sync === 'finish' ? 'finish' : `${bAgain.sync}: ${bAgain.syncError}`);
    const fresh = await b.history(conversationID, 20);
    report.check(
      'B.relogin.history',
      texts.map((text, i) => ({ seq: i + 1, text, sendID: aID })),
      fresh.map((m) => ({ seq: m.seq, text: textOf(m), sendID: m.sendID })).sort((x, y) => x.seq - y.seq),
    );

    // 6. No echo to the sender, no duplicates to the receiver --------------------------------
    // Let any late push arrive before judging.
    await sleep(500);
    const aOwn = a.receivedMessages().filter((m) => m.sendID === aID);
    report.check('A.noOwnMessages', [], aOwn.map(brief));
    const bAll = b.receivedMessages().filter((m) => m.sendID === aID);
    const ids = bAll.map((m) => m.clientMsgID);
    report.check('B.eachMessageOnce', sent.map((m) => m.clientMsgID).sort(), [...ids].sort());
  } finally {
    await Promise.allSettled([a.close(), b.close()]);
  }
});
