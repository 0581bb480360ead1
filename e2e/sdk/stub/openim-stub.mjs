#!/usr/bin/env node
// A tiny in-memory stand-in for the server side of the OpenIM wire contract, only to check the
// SDK scenarios themselves (that they drive the SDK correctly and that their checks pass on a
// server that behaves). It is NOT Parley and shares no code with it: one-to-one text chat,
// the login sync routes answered empty, no groups, no persistence, no real tokens.
//
//   node stub/openim-stub.mjs [--port 0] [--secret openIM123] [--fault NAME]
//
// --fault breaks one rule on purpose, to prove a scenario's checks catch it:
//   echo-with-response  the sender's echo leaves in the same tick as the 1003 response
//   no-pull             1002 (pull by seq range) returns no messages
//   history-hole        1005 (get by seqs) leaves out seq 2
//   double-push         the receiver gets every push twice
//
// Prints `{"listening":"127.0.0.1:<port>"}` on stdout once ready; runs until SIGTERM/SIGINT.

import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { WebSocketServer } from 'ws';
import { PbCoder as P } from '@openim/protocol';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const PORT = Number(opt('port', '0'));
const SECRET = opt('secret', 'openIM123');
const HOST = '127.0.0.1';
const FAULT = opt('fault', '');

// Request identifiers (WS).
const REQ = { GetNewestSeq: 1001, PullMsgBySeqs: 1002, SendMsg: 1003, GetSeqMessage: 1005, GetConvMaxReadSeq: 1006, Push: 2001 };

// --- state -------------------------------------------------------------------------------------
const tokens = new Map(); // token -> {userID, platformID, admin}
const users = new Map(); // userID -> {userID, nickname, faceURL, createTime}
const convs = new Map(); // conversationID -> {conversationID, members:[a,b], msgs:[MsgData], maxSeq}
const userConvs = new Map(); // userID -> Set(conversationID)
const conns = new Map(); // userID -> Set(ws)

const newToken = () => randomBytes(24).toString('base64url');
const full = (Type, partial) => Object.assign(Type.decode(new Uint8Array(0)), partial);
const b64 = (bytes) => Buffer.from(bytes).toString('base64');

function convOf(userID) {
  if (!userConvs.has(userID)) userConvs.set(userID, new Set());
  return userConvs.get(userID);
}

function userInfo(userID) {
  const u = users.get(userID) ?? { userID, nickname: userID, faceURL: '', createTime: 0 };
  return full(P.UserInfo, { userID: u.userID, nickname: u.nickname, faceURL: u.faceURL, createTime: u.createTime });
}

function conversationMsg(owner, c) {
  const peer = c.members.find((m) => m !== owner) ?? owner;
  return full(P.ConversationMsg, {
    conversation: full(P.Conversation, {
      ownerUserID: owner,
      conversationID: c.conversationID,
      conversationType: 1,
      userID: peer,
      maxSeq: c.maxSeq,
    }),
    lastMsg: c.msgs[c.msgs.length - 1],
    user: userInfo(peer),
    maxSeq: c.maxSeq,
    readSeq: 0,
  });
}

// --- HTTP --------------------------------------------------------------------------------------
const ok = (data = {}) => ({ errCode: 0, errMsg: '', errDlt: '', data });
const fail = (errCode, errMsg) => ({ errCode, errMsg, errDlt: '' });

function auth(req, { admin = false } = {}) {
  const t = tokens.get(req.headers.token);
  if (!t) return null;
  if (admin && !t.admin) return null;
  return t;
}

const jsonRoutes = {
  '/auth/get_admin_token': (body) => {
    if (body.secret !== SECRET) return fail(1001, 'secret mismatch');
    const token = newToken();
    tokens.set(token, { userID: body.userID || 'imAdmin', platformID: 10, admin: true });
    return ok({ token, expireTimeSeconds: 86400 });
  },
  '/user/user_register': (body, req) => {
    if (!auth(req, { admin: true })) return fail(1502, 'admin token required');
    for (const u of body.users ?? []) {
      users.set(u.userID, { userID: u.userID, nickname: u.nickname ?? '', faceURL: u.faceURL ?? '', createTime: Date.now() });
    }
    return ok({});
  },
  '/auth/get_user_token': (body, req) => {
    if (!auth(req, { admin: true })) return fail(1502, 'admin token required');
    if (!users.has(body.userID)) return fail(1004, 'user not registered');
    const token = newToken();
    tokens.set(token, { userID: body.userID, platformID: body.platformID, admin: false });
    return ok({ token, expireTimeSeconds: 86400 });
  },
  '/user/get_users_info': (body) => ok({ usersInfo: (body.userIDs ?? []).filter((id) => users.has(id)).map(userInfo) }),
  '/conversation/get_incremental_conversations': () => ok({ version: 0, versionID: '', full: false, insert: [], update: [], delete: [] }),
  '/conversation/get_not_notify_conversation_ids': () => ok({ conversationIDs: [] }),
  '/friend/get_incremental_friends': () => ok({ version: 0, versionID: '', full: false, insert: [], update: [], delete: [] }),
  '/friend/get_full_friend_user_ids': () => ok({ userIDs: [] }),
  '/friend/get_designated_friends': () => ok({ friendsInfo: [] }),
  '/group/get_incremental_join_groups': () => ok({ version: 0, versionID: '', full: false, insert: [], update: [], delete: [] }),
  '/group/get_full_join_group_ids': () => ok({ groupIDs: [] }),
  '/group/get_incremental_group_members_batch': () => ok({ respList: {} }),
};

const pbRoutes = {
  '/jssdk/get_active_conversations': (bytes) => {
    const req = P.GetActiveConversationsReq.decode(bytes);
    const list = [...convOf(req.ownerUserID)].map((id) => convs.get(id)).filter((c) => c.maxSeq > 0);
    const resp = full(P.GetActiveConversationsResp, {
      unreadCount: 0,
      conversations: list.slice(0, req.count || 20).map((c) => conversationMsg(req.ownerUserID, c)),
    });
    return ok(b64(P.GetActiveConversationsResp.encode(resp).finish()));
  },
  '/jssdk/get_conversations': (bytes) => {
    const req = P.GetConversationsReq.decode(bytes);
    const list = req.conversationIDs.filter((id) => convs.has(id)).map((id) => conversationMsg(req.ownerUserID, convs.get(id)));
    const resp = full(P.GetConversationsResp, { unreadCount: 0, conversations: list });
    return ok(b64(P.GetConversationsResp.encode(resp).finish()));
  },
};

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const path = new URL(req.url, `http://${HOST}`).pathname;
    const body = Buffer.concat(chunks);
    let out;
    try {
      if (req.method !== 'POST') out = fail(1001, 'POST only');
      else if (pbRoutes[path]) out = auth(req) ? pbRoutes[path](new Uint8Array(body)) : fail(1502, 'token required');
      else if (jsonRoutes[path]) {
        const parsed = body.length ? JSON.parse(body.toString('utf8')) : {};
        const open = path === '/auth/get_admin_token';
        out = open || auth(req) ? jsonRoutes[path](parsed, req) : fail(1502, 'token required');
      } else out = fail(1001, `no such route ${path}`);
    } catch (e) {
      out = fail(500, String(e?.message ?? e));
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(out));
  });
});

// --- WebSocket ---------------------------------------------------------------------------------
const wss = new WebSocketServer({ noServer: true });

server.on('upgrade', (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => {
    const q = new URL(req.url, `http://${HOST}`).searchParams;
    const t = tokens.get(q.get('token'));
    if (!t || t.userID !== q.get('sendID') || String(t.platformID) !== q.get('platformID')) {
      ws.send(JSON.stringify({ errCode: 1502, errMsg: 'token invalid', errDlt: '' }));
      ws.close();
      return;
    }
    ws.userID = t.userID;
    if (!conns.has(t.userID)) conns.set(t.userID, new Set());
    conns.get(t.userID).add(ws);
    ws.on('close', () => conns.get(t.userID)?.delete(ws));
    ws.on('message', (data, isBinary) => onFrame(ws, data, isBinary));
    ws.send(JSON.stringify({ errCode: 0, errMsg: '', errDlt: '' }));
  });
});

function reply(ws, req, errCode, errMsg, bytes) {
  ws.send(
    Buffer.from(
      JSON.stringify({
        reqIdentifier: req.reqIdentifier,
        msgIncr: req.msgIncr,
        operationID: req.operationID,
        errCode,
        errMsg,
        data: bytes ? b64(bytes) : null,
      }),
    ),
    { binary: true },
  );
}

function push(userID, operationID, msg, conversationID) {
  const bytes = P.PushMessages.encode(
    full(P.PushMessages, { msgs: { [conversationID]: { Msgs: [msg], isEnd: false } }, notificationMsgs: {} }),
  ).finish();
  const frame = Buffer.from(
    JSON.stringify({ reqIdentifier: REQ.Push, msgIncr: '', operationID, errCode: 0, errMsg: '', data: b64(bytes) }),
  );
  for (const ws of conns.get(userID) ?? []) ws.send(frame, { binary: true });
}

function onFrame(ws, data, isBinary) {
  if (!isBinary) {
    let j;
    try {
      j = JSON.parse(data.toString('utf8'));
    } catch {
      return;
    }
    if (j.type === 'ping') ws.send(JSON.stringify({ type: 'pong' }));
    return;
  }
  const req = JSON.parse(data.toString('utf8'));
  const bytes = new Uint8Array(Buffer.from(req.data ?? '', 'base64'));
  switch (req.reqIdentifier) {
    case REQ.GetConvMaxReadSeq: {
      const r = P.GetConversationsHasReadAndMaxSeqReq.decode(bytes);
      const ids = r.conversationIDs.length ? r.conversationIDs : [...convOf(ws.userID)];
      const seqs = {};
      for (const id of ids) {
        const c = convs.get(id);
        if (!c || !c.members.includes(ws.userID)) continue;
        const last = c.msgs[c.msgs.length - 1];
        seqs[id] = { maxSeq: c.maxSeq, hasReadSeq: 0, maxSeqTime: last?.sendTime ?? 0 };
      }
      reply(ws, req, 0, '', P.GetConversationsHasReadAndMaxSeqResp.encode(full(P.GetConversationsHasReadAndMaxSeqResp, { seqs })).finish());
      return;
    }
    case REQ.SendMsg: {
      const m = P.MsgData.decode(bytes);
      if (m.sendID !== ws.userID || m.sessionType !== 1 || !users.has(m.recvID)) {
        reply(ws, req, 1001, 'stub: only one-to-one chat between registered users', null);
        return;
      }
      const [x, y] = [m.sendID, m.recvID].sort();
      const id = `si_${x}_${y}`;
      if (!convs.has(id)) convs.set(id, { conversationID: id, members: [x, y], msgs: [], maxSeq: 0 });
      const c = convs.get(id);
      convOf(x).add(id);
      convOf(y).add(id);
      c.maxSeq += 1;
      const now = Date.now();
      Object.assign(m, { seq: c.maxSeq, serverMsgID: randomBytes(16).toString('hex'), sendTime: now, createTime: m.createTime || now, status: 2 });
      c.msgs.push(m);
      reply(ws, req, 0, '', P.UserSendMsgResp.encode(full(P.UserSendMsgResp, { serverMsgID: m.serverMsgID, clientMsgID: m.clientMsgID, sendTime: now })).finish());
      // Pushes go out after the send response (the sender's echo must not arrive with it).
      const pushAll = () => {
        push(m.recvID, req.operationID, m, id);
        if (FAULT === 'double-push') push(m.recvID, req.operationID, m, id);
        push(m.sendID, req.operationID, m, id);
      };
      if (FAULT === 'echo-with-response') pushAll();
      else setTimeout(pushAll, 20);
      return;
    }
    case REQ.PullMsgBySeqs: {
      const r = P.PullMessageBySeqsReq.decode(bytes);
      const msgs = {};
      for (const range of r.seqRanges) {
        const c = convs.get(range.conversationID);
        if (!c || !c.members.includes(ws.userID)) continue;
        const begin = Math.max(range.begin, 1);
        const end = Math.min(range.end, c.maxSeq);
        let list = FAULT === 'no-pull' ? [] : c.msgs.filter((m) => m.seq >= begin && m.seq <= end);
        if (range.num > 0 && list.length > range.num) list = list.slice(-range.num);
        msgs[range.conversationID] = { Msgs: list, isEnd: true };
      }
      reply(ws, req, 0, '', P.PullMessageBySeqsResp.encode(full(P.PullMessageBySeqsResp, { msgs, notificationMsgs: {} })).finish());
      return;
    }
    case REQ.GetSeqMessage: {
      const r = P.GetSeqMessageReq.decode(bytes);
      const msgs = {};
      for (const cs of r.conversations) {
        const c = convs.get(cs.conversationID);
        if (!c || !c.members.includes(ws.userID)) continue;
        const wanted = (m) => cs.seqs.includes(m.seq) && !(FAULT === 'history-hole' && m.seq === 2);
        msgs[cs.conversationID] = { Msgs: c.msgs.filter(wanted), isEnd: true };
      }
      reply(ws, req, 0, '', P.GetSeqMessageResp.encode(full(P.GetSeqMessageResp, { msgs, notificationMsgs: {} })).finish());
      return;
    }
    default:
      reply(ws, req, 1001, `stub: reqIdentifier ${req.reqIdentifier} not supported`, null);
  }
}

server.listen(PORT, HOST, () => {
  process.stdout.write(JSON.stringify({ listening: `${HOST}:${server.address().port}` }) + '\n');
});
const stop = () => {
  for (const ws of wss.clients) ws.terminate();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
