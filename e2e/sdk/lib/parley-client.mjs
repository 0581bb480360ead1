// Shared helpers for the SDK interop scenarios: the app-server HTTP calls (admin token, user
// registration, user token) and an SDK user wrapper that records every SDK event so a scenario
// can wait for it and assert on it.
//
// The OpenIM JS SDK (0.0.14) on Node 20 needs two things, both handled here:
//   * a global WebSocket that delivers binary frames as ArrayBuffer (the SDK calls
//     e.arrayBuffer() otherwise, which a Node Buffer lacks);
//   * the lib/index.modern.mjs build: the other builds break the reconnect sync.
//
// getSDK() constructs a new SDK object on every call and keeps all its state (socket, caches,
// event handlers) on that object, so several users can run in one Node process. Only the
// log level (a module-wide logger) is shared; startUser() sets it for all of them.

import WS from 'ws';
import { getSDK, CbEvents } from '@openim/client-sdk/lib/index.modern.mjs';

export { CbEvents };

/** Platform IDs as OpenIM numbers them. */
export const Platform = Object.freeze({
  iOS: 1, Android: 2, Windows: 3, OSX: 4, Web: 5, MiniWeb: 6, Linux: 7, APad: 8, iPad: 9,
  Admin: 10, HarmonyOS: 11,
});

/** Session types. */
export const SessionType = Object.freeze({ Single: 1, Group: 3, Notification: 4 });

/** Message content types used by the scenarios (OpenIM numbering). */
export const ContentType = Object.freeze({
  Text: 101,
  GroupCreated: 1501,
  GroupMemberQuit: 1504,
  GroupMemberKicked: 1508,
  GroupMemberInvited: 1509,
  GroupDismissed: 1511,
});

// ---------------------------------------------------------------------------------------------
// Node environment

let webSocketInstalled = false;

/** Installs a ws-based global WebSocket whose binary frames arrive as ArrayBuffer. */
export function installWebSocket() {
  if (webSocketInstalled) return;
  globalThis.WebSocket = class extends WS {
    constructor(...args) {
      super(...args);
      this.binaryType = 'arraybuffer';
    }
  };
  webSocketInstalled = true;
}

/**
 * Keeps stdout for the scenario's single JSON result line: the SDK writes a banner and stray
 * logs through console.*. With verbose they go to stderr, otherwise they are dropped.
 */
export function routeConsole(verbose) {
  const toStderr = (...args) => {
    process.stderr.write(args.map((a) => (typeof a === 'string' ? a : safeJson(a))).join(' ') + '\n');
  };
  const sink = verbose ? toStderr : () => {};
  for (const m of ['log', 'info', 'debug', 'trace', 'warn', 'error']) console[m] = sink;
}

function safeJson(v) {
  if (v instanceof Error) return `${v.name}: ${v.message}`;
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

/** Progress line on stderr (stdout is reserved for the result). */
export function progress(scenario, msg) {
  const t = new Date().toISOString().slice(11, 23);
  process.stderr.write(`[${scenario} ${t}] ${msg}\n`);
}

// ---------------------------------------------------------------------------------------------
// Command line

/**
 * Parses `--api URL --ws URL --secret S [--timeout SECONDS] [--verbose]`.
 * Defaults: api http://127.0.0.1:10001, ws ws://127.0.0.1:10001, secret openIM123, 60 s.
 */
export function parseArgs(argv = process.argv.slice(2), extra = {}) {
  const opts = {
    api: 'http://127.0.0.1:10001',
    ws: 'ws://127.0.0.1:10001',
    secret: 'openIM123',
    timeout: 60,
    verbose: false,
    ...extra,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [key, inline] = arg.startsWith('--') ? arg.slice(2).split(/=(.*)/s, 2) : [null, null];
    if (!key) throw new UsageError(`unexpected argument: ${arg}`);
    if (key === 'verbose') {
      opts.verbose = true;
      continue;
    }
    if (key === 'help') throw new UsageError('');
    if (!(key in opts)) throw new UsageError(`unknown option --${key}`);
    const value = inline !== undefined ? inline : argv[++i];
    if (value === undefined) throw new UsageError(`--${key} needs a value`);
    opts[key] = typeof opts[key] === 'number' ? Number(value) : value;
  }
  opts.api = opts.api.replace(/\/+$/, '');
  opts.ws = opts.ws.replace(/\/+$/, '');
  if (!/^https?:\/\//.test(opts.api)) throw new UsageError(`--api must be an http(s) URL: ${opts.api}`);
  if (!/^wss?:\/\//.test(opts.ws)) throw new UsageError(`--ws must be a ws(s) URL: ${opts.ws}`);
  if (!(opts.timeout > 0)) throw new UsageError('--timeout must be a positive number of seconds');
  return opts;
}

export class UsageError extends Error {}

// ---------------------------------------------------------------------------------------------
// App-server HTTP API (what an OpenIM app server calls)

/** An HTTP call that reached the server but did not return errCode 0, or did not reach it. */
export class ApiError extends Error {
  constructor(message, { path, status, errCode, errMsg, cause } = {}) {
    super(message, cause ? { cause } : undefined);
    this.name = 'ApiError';
    Object.assign(this, { path, status, errCode, errMsg });
  }
}

let opCounter = 0;
export function operationID(prefix = 'e2e') {
  opCounter += 1;
  return `${prefix}-${Date.now()}-${opCounter}`;
}

/**
 * POST {api}{path} with a JSON body, OpenIM headers (token, operationID), and a timeout.
 * Returns `data` of the `{errCode, errMsg, errDlt, data}` envelope; throws ApiError otherwise.
 */
export async function postJson(api, path, body, { token, timeoutMs = 10_000 } = {}) {
  const url = `${api}${path}`;
  const headers = { 'Content-Type': 'application/json', operationID: operationID('http') };
  if (token) headers.token = token;
  let res;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    const cause = e?.cause?.code || e?.cause?.message || e?.name || String(e);
    const why = e?.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : cause;
    throw new ApiError(`cannot reach the Parley API at ${url}: ${why}`, { path, cause: e });
  }
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiError(`${path}: HTTP ${res.status}, body is not JSON: ${text.slice(0, 200)}`, {
      path, status: res.status,
    });
  }
  if (!res.ok || json.errCode !== 0) {
    throw new ApiError(
      `${path}: HTTP ${res.status}, errCode ${json.errCode}, errMsg ${JSON.stringify(json.errMsg)}` +
        (json.errDlt ? `, errDlt ${JSON.stringify(json.errDlt)}` : ''),
      { path, status: res.status, errCode: json.errCode, errMsg: json.errMsg },
    );
  }
  if (json.data === null || typeof json.data !== 'object') {
    // The SDK destructures `data`, so the contract requires an object.
    throw new ApiError(`${path}: errCode 0 but data is ${JSON.stringify(json.data)}, not an object`, {
      path, status: res.status, errCode: 0,
    });
  }
  return json.data;
}

/** POST /auth/get_admin_token → the admin token string. */
export async function getAdminToken(api, secret, userID = 'imAdmin') {
  const data = await postJson(api, '/auth/get_admin_token', { secret, userID });
  if (typeof data.token !== 'string' || !data.token) {
    throw new ApiError(`/auth/get_admin_token: no token in ${JSON.stringify(data)}`, { path: '/auth/get_admin_token' });
  }
  return data.token;
}

/** POST /user/user_register for `users` ([{userID, nickname?, faceURL?}]). */
export async function registerUsers(api, adminToken, users) {
  const body = {
    users: users.map((u) => ({ userID: u.userID, nickname: u.nickname ?? u.userID, faceURL: u.faceURL ?? '' })),
  };
  return postJson(api, '/user/user_register', body, { token: adminToken });
}

/** POST /auth/get_user_token → the user's token string. */
export async function getUserToken(api, adminToken, userID, platformID = Platform.Web) {
  const data = await postJson(api, '/auth/get_user_token', { userID, platformID }, { token: adminToken });
  if (typeof data.token !== 'string' || !data.token) {
    throw new ApiError(`/auth/get_user_token: no token in ${JSON.stringify(data)}`, { path: '/auth/get_user_token' });
  }
  return data.token;
}

/** Conversation ID of a one-to-one chat, as OpenIM defines it: si_<min>_<max>. */
export function singleConversationID(a, b) {
  const [x, y] = [a, b].sort();
  return `si_${x}_${y}`;
}

/** Conversation ID of a group chat (session type 3). */
export function groupConversationID(groupID) {
  return `sg_${groupID}`;
}

/** A run-unique suffix for user/group IDs. */
export function runSuffix() {
  return `${Date.now()}${Math.floor(Math.random() * 1000).toString().padStart(3, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// SDK user

const RECORDED_EVENTS = [
  CbEvents.OnConnecting,
  CbEvents.OnConnectSuccess,
  CbEvents.OnConnectFailed,
  CbEvents.OnKickedOffline,
  CbEvents.OnUserTokenExpired,
  CbEvents.OnUserTokenInvalid,
  CbEvents.OnSyncServerStart,
  CbEvents.OnSyncServerFinish,
  CbEvents.OnSyncServerFailed,
  CbEvents.OnRecvNewMessages,
  CbEvents.OnNewConversation,
  CbEvents.OnConversationChanged,
  CbEvents.OnTotalUnreadMessageCountChanged,
  CbEvents.OnNewRecvMessageRevoked,
];

/** Raised when an awaited SDK event does not come in time. */
export class WaitTimeout extends Error {
  constructor(message) {
    super(message);
    this.name = 'WaitTimeout';
  }
}

/** The text of a text message item (MessageItem from the SDK), or undefined. */
export function textOf(msg) {
  if (msg?.textElem?.content !== undefined) return msg.textElem.content;
  try {
    return JSON.parse(msg?.content ?? 'null')?.content;
  } catch {
    return undefined;
  }
}

/** The decoded `detail` of a notification message (group tips), or undefined. */
export function notificationDetailOf(msg) {
  try {
    const detail = msg?.notificationElem?.detail ?? JSON.parse(msg?.content ?? 'null')?.detail;
    return typeof detail === 'string' ? JSON.parse(detail) : detail;
  } catch {
    return undefined;
  }
}

/** A compact view of a message for reports. */
export function brief(msg) {
  return {
    seq: msg.seq,
    sendID: msg.sendID,
    recvID: msg.recvID,
    groupID: msg.groupID || undefined,
    contentType: msg.contentType,
    text: textOf(msg),
    clientMsgID: msg.clientMsgID,
  };
}

/**
 * One logged-in (or logging-in) SDK user. Every SDK event in RECORDED_EVENTS is appended to
 * `events` ({name, data, errCode, errMsg, at}); `waitFor` looks at past events from a cursor
 * onwards, so nothing is missed between an action and the wait for its effect.
 */
export class SdkUser {
  constructor({ name, userID, token, platformID = Platform.Web, api, ws, verbose = false, log }) {
    installWebSocket();
    Object.assign(this, { name, userID, token, platformID, api, ws, verbose });
    this.log = log ?? ((m) => progress(name, m));
    this.sdk = getSDK();
    this.events = [];
    this.waiters = new Set();
    for (const ev of RECORDED_EVENTS) {
      this.sdk.on(ev, (payload) => this.#record(ev, payload));
    }
  }

  #record(name, payload) {
    const entry = {
      name,
      data: payload?.data,
      errCode: payload?.errCode ?? 0,
      errMsg: payload?.errMsg ?? '',
      at: Date.now(),
    };
    this.events.push(entry);
    if (this.verbose) this.log(`event ${name}${entry.errCode ? ` errCode ${entry.errCode} ${entry.errMsg}` : ''}`);
    for (const w of [...this.waiters]) w();
  }

  /** Index to pass as `since` for events that happen after this point. */
  cursor() {
    return this.events.length;
  }

  /**
   * Resolves with the first event named `name` (or any of the names, if an array) at index
   * >= since for which `pred(entry)` is true. Rejects with WaitTimeout after timeoutMs.
   */
  waitFor(name, { since = 0, timeoutMs = 10_000, pred = () => true, what } = {}) {
    const names = Array.isArray(name) ? name : [name];
    const find = () => this.events.slice(since).find((e) => names.includes(e.name) && pred(e));
    return new Promise((resolve, reject) => {
      const hit = find();
      if (hit) return resolve(hit);
      const check = () => {
        const h = find();
        if (h) {
          clearTimeout(timer);
          this.waiters.delete(check);
          resolve(h);
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new WaitTimeout(`${this.name}: no ${what ?? names.join('/')} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  /**
   * Collects messages from OnRecvNewMessages events at index >= since until `count` messages
   * matching `pred` arrived or timeoutMs passed. Returns what arrived (possibly fewer).
   */
  async collectMessages({ since = 0, count, timeoutMs = 10_000, pred = () => true }) {
    const collect = () =>
      this.events
        .slice(since)
        .filter((e) => e.name === CbEvents.OnRecvNewMessages)
        .flatMap((e) => e.data ?? [])
        .filter(pred);
    try {
      await this.waitFor(CbEvents.OnRecvNewMessages, {
        since,
        timeoutMs,
        pred: () => collect().length >= count,
        what: `${count} new message(s)`,
      });
    } catch (e) {
      if (!(e instanceof WaitTimeout)) throw e;
    }
    return collect();
  }

  /** All messages this user received through OnRecvNewMessages so far. */
  receivedMessages(since = 0) {
    return this.events
      .slice(since)
      .filter((e) => e.name === CbEvents.OnRecvNewMessages)
      .flatMap((e) => e.data ?? []);
  }

  /**
   * login(): resolves once the server acknowledged the socket (OnConnectSuccess) and, unless
   * waitSync is false, the login sync ended. Returns {connected, sync: 'finish'|'failed'|
   * 'timeout', syncError}. Throws on OnConnectFailed or if no acknowledgement comes.
   */
  async login({ timeoutMs = 10_000, waitSync = true } = {}) {
    const since = this.cursor();
    const loginParams = {
      userID: this.userID,
      token: this.token,
      platformID: this.platformID,
      apiAddr: this.api,
      wsAddr: this.ws,
      logLevel: this.verbose ? 1 : 5, // loglevel: 1 debug, 5 silent
    };
    try {
      await this.sdk.login(loginParams);
    } catch (e) {
      throw new Error(`${this.name}: login failed: ${sdkErr(e)}`);
    }
    const ack = await this.waitFor([CbEvents.OnConnectSuccess, CbEvents.OnConnectFailed], {
      since,
      timeoutMs,
      what: 'connection acknowledgement (OnConnectSuccess)',
    });
    if (ack.name === CbEvents.OnConnectFailed) {
      throw new Error(`${this.name}: OnConnectFailed errCode ${ack.errCode} ${ack.errMsg}`);
    }
    const result = { connected: true, sync: 'skipped' };
    if (waitSync) Object.assign(result, await this.waitSync({ since, timeoutMs }));
    return result;
  }

  /** Waits for the end of a login/reconnect sync started at or after `since`. */
  async waitSync({ since, timeoutMs = 10_000 }) {
    try {
      const end = await this.waitFor([CbEvents.OnSyncServerFinish, CbEvents.OnSyncServerFailed], {
        since,
        timeoutMs,
        what: 'end of sync (OnSyncServerFinish/OnSyncServerFailed)',
      });
      return end.name === CbEvents.OnSyncServerFinish
        ? { sync: 'finish' }
        : { sync: 'failed', syncError: `errCode ${end.errCode} ${end.errMsg}` };
    } catch (e) {
      if (e instanceof WaitTimeout) return { sync: 'timeout', syncError: e.message };
      throw e;
    }
  }

  /** logout(): the SDK closes its socket and clears every cache. */
  async logout() {
    try {
      await this.sdk.logout();
    } catch (e) {
      throw new Error(`${this.name}: logout failed: ${sdkErr(e)}`);
    }
  }

  /**
   * Drops the underlying socket as a network failure would (no close handshake). The SDK
   * keeps its caches and reconnects by itself after 5 s, then syncs with isReconnected=true.
   */
  dropConnection() {
    const socket = this.sdk.wsManager?.ws;
    if (!socket) throw new Error(`${this.name}: no socket to drop (not logged in?)`);
    socket.terminate();
  }

  /** True while the SDK considers itself reconnected after a drop. */
  get isReconnected() {
    return this.sdk.isReconnected === true;
  }

  /** Creates and sends a text message; resolves with the sent MessageItem. */
  async sendText({ recvID = '', groupID = '', text }) {
    let message;
    try {
      ({ data: message } = await this.sdk.createTextMessage(text));
    } catch (e) {
      throw new Error(`${this.name}: createTextMessage failed: ${sdkErr(e)}`);
    }
    try {
      const { data } = await this.sdk.sendMessage({ recvID, groupID, message });
      return data;
    } catch (e) {
      throw new SdkCallError(`${this.name}: sendMessage to ${recvID || groupID} failed: ${sdkErr(e)}`, {
        errCode: e?.errCode,
        errMsg: e?.errMsg ?? e?.message,
      });
    }
  }

  /** getConversationListSplit from the top; resolves with the conversation items. */
  async conversations(count = 100) {
    try {
      const { data } = await this.sdk.getConversationListSplit({ offset: 0, count });
      return data ?? [];
    } catch (e) {
      throw new Error(`${this.name}: getConversationListSplit failed: ${sdkErr(e)}`);
    }
  }

  /** isJoinGroup: true if the login sync (group member versions) holds the group. */
  async isJoinGroup(groupID) {
    try {
      const { data } = await this.sdk.isJoinGroup(groupID);
      return data === true;
    } catch (e) {
      throw new Error(`${this.name}: isJoinGroup(${groupID}) failed: ${sdkErr(e)}`);
    }
  }

  /**
   * The maxSeq/hasReadSeq the SDK cached for a conversation: from the login sync's
   * GetConvMaxReadSeq (1006) answer, then advanced by pushes. Undefined if unknown.
   */
  cachedSeqs(conversationID) {
    return this.sdk.messageTrigger?.cache?.getCachedMaxReadSeq(conversationID);
  }

  /**
   * The SDK's own wire requests, bypassing its caches: PullMessageBySeqs (1002) over
   * [begin, end] and GetSeqMessage (1005) for explicit seqs. Each resolves with the messages
   * the server returned for the conversation (msgs and notificationMsgs together).
   */
  async pullRange(conversationID, begin, end) {
    const resp = await this.sdk.messageTrigger.syncer.pullMsgBySeqRange(
      new Map([[conversationID, [begin, end, 0]]]),
      operationID('pull'),
    );
    return messagesIn(resp, conversationID);
  }

  async pullSeqs(conversationID, seqs) {
    const resp = await this.sdk.messageTrigger.getMessageFromServerBySeqs(
      [{ conversationID, seqs }],
      operationID('seqs'),
    );
    return messagesIn(resp, conversationID);
  }

  /** getAdvancedHistoryMessageList from the newest message down; resolves with messageList. */
  async history(conversationID, count = 50) {
    try {
      const { data } = await this.sdk.getAdvancedHistoryMessageList({
        conversationID,
        count,
        startClientMsgID: '',
        viewType: 0,
      });
      return data?.messageList ?? [];
    } catch (e) {
      throw new Error(`${this.name}: getAdvancedHistoryMessageList(${conversationID}) failed: ${sdkErr(e)}`);
    }
  }

  /** Best-effort logout for cleanup. */
  async close() {
    try {
      if (this.sdk.wsManager) await this.sdk.logout();
    } catch {
      // already logged out
    }
  }
}

/** An SDK call that failed; errCode is the SDK's (or, for WS requests, the server's) code. */
export class SdkCallError extends Error {
  constructor(message, { errCode, errMsg } = {}) {
    super(message);
    this.name = 'SdkCallError';
    Object.assign(this, { errCode, errMsg });
  }
}

function messagesIn(resp, conversationID) {
  return [
    ...(resp?.msgs?.[conversationID]?.Msgs ?? []),
    ...(resp?.notificationMsgs?.[conversationID]?.Msgs ?? []),
  ];
}

/** The SDK rejects with {errCode, errMsg, ...} objects, not Errors. */
export function sdkErr(e) {
  if (e && typeof e === 'object' && 'errCode' in e) return `errCode ${e.errCode} ${e.errMsg ?? ''}`.trim();
  return e?.message ?? String(e);
}

// ---------------------------------------------------------------------------------------------
// Checks and the result line

/** Collects named checks and prints the one-line JSON result. */
export class Report {
  constructor(scenario) {
    this.scenario = scenario;
    this.started = Date.now();
    this.checks = [];
    this.info = {};
    this.sdkErrors = [];
    this.error = undefined;
    this.printed = false;
  }

  /**
   * Records a check. With no `ok` given it compares expected and actual as JSON.
   * Returns whether it passed.
   */
  check(name, expected, actual, ok) {
    const pass = ok ?? JSON.stringify(expected) === JSON.stringify(actual);
    this.checks.push({ name, ok: pass, expected, actual });
    return pass;
  }

  get ok() {
    return this.error === undefined && this.checks.length > 0 && this.checks.every((c) => c.ok);
  }

  /** Prints the result line once and returns the exit code (0 all passed, 1 otherwise). */
  finish() {
    if (this.printed) return this.ok ? 0 : 1;
    this.printed = true;
    const failed = this.checks.filter((c) => !c.ok).map((c) => c.name);
    const line = {
      scenario: this.scenario,
      ok: this.ok,
      durationMs: Date.now() - this.started,
      passed: this.checks.length - failed.length,
      failed: failed.length,
      failedChecks: failed,
      error: this.error,
      ...this.info,
      checks: this.checks,
      sdkErrors: this.sdkErrors.length ? this.sdkErrors : undefined,
    };
    process.stdout.write(JSON.stringify(line) + '\n');
    return this.ok ? 0 : 1;
  }
}

/**
 * Runs `body(report)` with a hard deadline and prints the result line. Unhandled rejections
 * inside the SDK (e.g. a TypeError on a response that breaks the contract) are collected in
 * report.sdkErrors instead of crashing the process. Exits 0 only if every check passed.
 */
export async function runScenario(scenario, opts, body) {
  const report = new Report(scenario);
  const onSdkError = (e) => {
    report.sdkErrors.push(e instanceof Error ? `${e.name}: ${e.message}` : safeJson(e));
  };
  process.on('unhandledRejection', onSdkError);
  process.on('uncaughtException', onSdkError);

  const deadline = setTimeout(() => {
    report.error = report.error ?? `hard timeout: scenario did not finish within ${opts.timeout} s`;
    process.exitCode = report.finish();
    process.exit(process.exitCode);
  }, opts.timeout * 1000);

  let code;
  try {
    await body(report);
  } catch (e) {
    report.error = e instanceof ApiError || e instanceof WaitTimeout ? e.message : `${e?.name ?? 'Error'}: ${e?.message ?? e}`;
  } finally {
    clearTimeout(deadline);
    code = report.finish();
  }
  // SDK timers (heartbeat, reconnect) would keep the process alive.
  process.exit(code);
}
