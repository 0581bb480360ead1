#!/usr/bin/env node
// Group chat with the OpenIM JS SDK against a Parley server.
//
//   node chat-group.mjs --api http://127.0.0.1:10001 --ws ws://127.0.0.1:10001 --secret openIM123
//                       [--timeout 90] [--verbose]
//
// Scenario (fresh user IDs every run; m01..m32):
//   1. admin token; register 32 users. m01..m10 log in with the SDK (Web); m11..m30 stay away.
//   2. m01 creates a group of 30 (m01 owner, m02..m30 members) with its own user token. The
//      group conversation is sg_<groupID> (session type 3); its first seq is the 1501 "group
//      created" notification, which every online member gets through OnRecvNewMessages.
//   3. m02 sends a group text (createTextMessage + sendMessage with groupID). Every other online
//      member gets it through OnRecvNewMessages exactly once, seq 2, right text; m02 does not
//      get it as new (its echo only updates the sent message).
//   4. m11, a member that was offline, logs in (fresh SDK, empty caches). A fresh login fires no
//      OnRecvNewMessages for what it missed; the SDK surfaces it through the login sync instead:
//      isJoinGroup (group member sync), the conversation list (sg_ with the text as latestMsg,
//      from /jssdk/get_active_conversations) and getAdvancedHistoryMessageList (seqs 1..2 by
//      GetSeqMessage).
//   5. m31, not a member, logs in. The server tells it nothing about sg_ (no maxSeq from 1006);
//      its history of sg_ is empty, and the SDK's raw pulls (1002 by range, 1005 by seqs)
//      return no message of sg_. sendMessage to the group rejects: first in the SDK itself
//      (get_group_members_info has no such member: 10002 "user not join target group"); then,
//      with the SDK's member cache seeded so the request does go out, the server answers 1203.
//      No online member gets anything from m31.
//   6. m32 is invited (admin API): the 1509 notification takes the next seq (its join seq) and
//      reaches the online members. m32 logs in: its history of sg_ starts at the join seq (the
//      1509), without the earlier text or the 1501; raw pulls below the join seq return
//      nothing. m03 then sends a text: m32 gets it through OnRecvNewMessages once, at the join
//      seq + 1, as does every other online member.
//
// Prints one JSON line (every check with expected/actual) on stdout, progress on stderr.
// Exit code 0 only if every check passed; 1 otherwise (also on the hard timeout); 2 on usage.

import {
  ContentType,
  Platform,
  SdkUser,
  SessionType,
  UsageError,
  brief,
  getAdminToken,
  getUserToken,
  groupConversationID,
  notificationDetailOf,
  parseArgs,
  postJson,
  progress,
  registerUsers,
  routeConsole,
  runScenario,
  runSuffix,
  sdkErr,
  textOf,
} from './lib/parley-client.mjs';

const SCENARIO = 'chat-group';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let opts;
try {
  opts = parseArgs(process.argv.slice(2), { timeout: 90 });
} catch (e) {
  if (!(e instanceof UsageError)) throw e;
  if (e.message) process.stderr.write(`${SCENARIO}: ${e.message}\n`);
  process.stderr.write(
    `usage: node chat-group.mjs [--api http://127.0.0.1:10001] [--ws ws://127.0.0.1:10001] ` +
      `[--secret openIM123] [--timeout 90] [--verbose]\n`,
  );
  process.exit(2);
}

routeConsole(opts.verbose);
const say = (m) => progress(SCENARIO, m);

// Sizes and waits (ms).
const USERS = 32;
const GROUP_SIZE = 30; // m01 (owner) .. m30
const ONLINE = 10; // m01 .. m10
const LOGIN_MS = 15_000;
const RECV_MS = 10_000;
const SETTLE_MS = 700; // lets duplicate or stray pushes arrive before judging

// Error codes.
const ERR_NOT_IN_GROUP = 1203; // server: sender is not a member of the group
const ERR_SDK_ARGS = 10002; // SDK ArgsError ("user not join target group")

const syncState = (r) => (r.sync === 'finish' ? 'finish' : `${r.sync}: ${r.syncError ?? ''}`);
const view = (m) => ({ seq: m.seq, contentType: m.contentType, sendID: m.sendID, text: textOf(m) });
const bySeq = (a, b) => a.seq - b.seq;

await runScenario(SCENARIO, opts, async (report) => {
  const suffix = runSuffix();
  const ids = Array.from({ length: USERS }, (_, i) => `m${String(i + 1).padStart(2, '0')}-${suffix}`);
  const id = (n) => ids[n - 1]; // 1-based, as in the scenario text
  const ownerID = id(1);
  const senderID = id(2);
  const offlineID = id(11);
  const outsiderID = id(31);
  const lateID = id(32);
  report.info = {
    api: opts.api,
    ws: opts.ws,
    users: { first: id(1), last: id(USERS), owner: ownerID, sender: senderID, offline: offlineID, nonMember: outsiderID, late: lateID },
  };

  // 1. Users, tokens, the online members log in ----------------------------------------------
  say(`admin token from ${opts.api}`);
  const adminToken = await getAdminToken(opts.api, opts.secret);
  say(`register ${USERS} users (${id(1)} .. ${id(USERS)})`);
  await registerUsers(opts.api, adminToken, ids.map((userID) => ({ userID, nickname: `User ${userID}` })));

  const sdkUserNumbers = [...Array.from({ length: ONLINE }, (_, i) => i + 1), 11, 31, 32];
  const tokens = new Map(
    await Promise.all(
      sdkUserNumbers.map(async (n) => [n, await getUserToken(opts.api, adminToken, id(n), Platform.Web)]),
    ),
  );
  const common = { platformID: Platform.Web, api: opts.api, ws: opts.ws, verbose: opts.verbose };
  const users = new Map(
    sdkUserNumbers.map((n) => [
      n,
      new SdkUser({ name: `m${String(n).padStart(2, '0')}`, userID: id(n), token: tokens.get(n), ...common }),
    ]),
  );
  const user = (n) => users.get(n);
  const online = Array.from({ length: ONLINE }, (_, i) => user(i + 1));

  try {
    say(`${ONLINE} members log in (m01..m${String(ONLINE).padStart(2, '0')})`);
    const logins = await Promise.all(online.map((u) => u.login({ timeoutMs: LOGIN_MS })));
    report.check(
      'online.login.sync',
      online.map(() => 'finish'),
      logins.map(syncState),
    );

    // 2. The group -----------------------------------------------------------------------------
    let since = new Map(online.map((u) => [u, u.cursor()]));
    say(`m01 creates a group of ${GROUP_SIZE}`);
    const memberIDs = ids.slice(1, GROUP_SIZE);
    const created = await postJson(
      opts.api,
      '/group/create_group',
      {
        ownerUserID: ownerID,
        memberUserIDs: memberIDs,
        adminUserIDs: [],
        groupInfo: { groupName: `group ${suffix}`, groupType: 2 },
      },
      { token: tokens.get(1) },
    );
    const groupID = created?.groupInfo?.groupID;
    if (!groupID) throw new Error(`/group/create_group: no groupInfo.groupID in ${JSON.stringify(created)}`);
    const conversationID = groupConversationID(groupID);
    Object.assign(report.info, { groupID, conversationID });
    report.check(
      'group.create',
      { ownerUserID: ownerID, memberCount: GROUP_SIZE, groupType: 2 },
      { ownerUserID: created.groupInfo.ownerUserID, memberCount: created.groupInfo.memberCount, groupType: created.groupInfo.groupType },
    );

    // The 1501 "created" notification is seq 1 of sg_<groupID> and is pushed to every member.
    const isCreated = (m) => m.groupID === groupID && m.contentType === ContentType.GroupCreated;
    const createdSeen = await Promise.all(
      online.map((u) => u.collectMessages({ since: since.get(u), count: 1, timeoutMs: RECV_MS, pred: isCreated })),
    );
    report.check(
      'online.createdNotification',
      online.map((u) => ({ user: u.userID, count: 1, seq: 1, sessionType: SessionType.Group })),
      online.map((u, i) => ({
        user: u.userID,
        count: createdSeen[i].length,
        seq: createdSeen[i][0]?.seq,
        sessionType: createdSeen[i][0]?.sessionType,
      })),
    );
    const createdTips = createdSeen[0][0] ? notificationDetailOf(createdSeen[0][0]) : undefined;
    report.check(
      'online.createdNotification.detail',
      { groupID, memberCount: GROUP_SIZE },
      { groupID: createdTips?.group?.groupID, memberCount: createdTips?.group?.memberCount },
    );

    // 3. A group text to the online members ----------------------------------------------------
    const text1 = `group hello from ${senderID}`;
    const sender = user(2);
    since = new Map(online.map((u) => [u, u.cursor()]));
    say('m02 sends a group text');
    const sent1 = await sender.sendText({ groupID, text: text1 });
    report.check(
      'sender.send',
      { serverMsgID: 'non-empty', sessionType: SessionType.Group, groupID },
      { serverMsgID: sent1?.serverMsgID ? 'non-empty' : sent1?.serverMsgID ?? null, sessionType: sent1?.sessionType, groupID: sent1?.groupID },
    );
    const isText1 = (m) => m.clientMsgID === sent1.clientMsgID;
    const receivers = online.filter((u) => u !== sender);
    await Promise.all(
      receivers.map((u) => u.collectMessages({ since: since.get(u), count: 1, timeoutMs: RECV_MS, pred: isText1 })),
    );
    await sleep(SETTLE_MS);
    report.check(
      'online.eachOnce',
      receivers.map((u) => ({ user: u.userID, count: 1 })),
      receivers.map((u) => ({ user: u.userID, count: u.receivedMessages(since.get(u)).filter(isText1).length })),
    );
    report.check(
      'online.content',
      receivers.map((u) => ({ user: u.userID, seq: 2, text: text1, sendID: senderID, groupID, sessionType: SessionType.Group })),
      receivers.map((u) => {
        const m = u.receivedMessages(since.get(u)).find(isText1);
        return m
          ? { user: u.userID, seq: m.seq, text: textOf(m), sendID: m.sendID, groupID: m.groupID, sessionType: m.sessionType }
          : { user: u.userID, missing: true };
      }),
    );
    report.check('sender.noEcho', [], sender.receivedMessages(since.get(sender)).filter(isText1).map(brief));

    // 4. An offline member logs in and finds the text ------------------------------------------
    const offline = user(11);
    say('m11 (was offline) logs in');
    const offLogin = await offline.login({ timeoutMs: LOGIN_MS });
    report.check('offline.login.sync', 'finish', syncState(offLogin));
    const offJoined = await offline.isJoinGroup(groupID);
    const offConv = (await offline.conversations()).find((c) => c.conversationID === conversationID);
    let offLatest;
    try {
      offLatest = offConv?.latestMsg ? JSON.parse(offConv.latestMsg) : undefined;
    } catch {
      offLatest = { unparsable: offConv.latestMsg };
    }
    const offHistory = await offline.history(conversationID, 20);
    report.check(
      'offline.sync',
      {
        isJoinGroup: true,
        conversation: { conversationID, conversationType: SessionType.Group, groupID, latestMsg: { clientMsgID: sent1.clientMsgID, text: text1 } },
        history: [
          { seq: 1, contentType: ContentType.GroupCreated, sendID: ownerID, text: undefined },
          { seq: 2, contentType: ContentType.Text, sendID: senderID, text: text1 },
        ],
      },
      {
        isJoinGroup: offJoined,
        conversation: offConv
          ? {
              conversationID: offConv.conversationID,
              conversationType: offConv.conversationType,
              groupID: offConv.groupID,
              latestMsg: offLatest ? { clientMsgID: offLatest.clientMsgID, text: textOf(offLatest) } : null,
            }
          : null,
        history: offHistory.map(view).sort(bySeq),
      },
    );
    // Control for the raw pulls below: a member gets seqs 1..2 back from both requests.
    let memberPull;
    try {
      memberPull = {
        pullRange_1_10: (await offline.pullRange(conversationID, 1, 10)).map((m) => m.seq).sort(),
        pullSeqs_1_2: (await offline.pullSeqs(conversationID, [2, 1])).map((m) => m.seq).sort(),
      };
    } catch (e) {
      memberPull = `pull failed: ${sdkErr(e)}`;
    }
    report.check('offline.pull', { pullRange_1_10: [1, 2], pullSeqs_1_2: [1, 2] }, memberPull);
    report.info.offlineRecvNewOnLogin = offline.receivedMessages().filter((m) => m.groupID === groupID).length;

    // 5. A non-member ---------------------------------------------------------------------------
    const outsider = user(31);
    say('m31 (not a member) logs in');
    const outLogin = await outsider.login({ timeoutMs: LOGIN_MS });
    report.check('nonMember.login.sync', 'finish', syncState(outLogin));
    const outHistory = await outsider.history(conversationID, 20);
    let outRange;
    let outSeqs;
    try {
      outRange = (await outsider.pullRange(conversationID, 1, 10)).map(view);
    } catch (e) {
      outRange = `pull failed: ${sdkErr(e)}`;
    }
    try {
      outSeqs = (await outsider.pullSeqs(conversationID, [2, 1])).map(view);
    } catch (e) {
      outSeqs = `pull failed: ${sdkErr(e)}`;
    }
    report.check(
      'nonMember.pull',
      { maxSeqFromServer: null, history: [], pullRange_1_10: [], pullSeqs_1_2: [] },
      {
        maxSeqFromServer: outsider.cachedSeqs(conversationID)?.maxSeq ?? null,
        history: outHistory.map(view),
        pullRange_1_10: outRange,
        pullSeqs_1_2: outSeqs,
      },
    );

    since = new Map(online.map((u) => [u, u.cursor()]));
    say('m31 tries to send to the group');
    const attempt = async (text) => {
      try {
        const m = await outsider.sendText({ groupID, text });
        return { rejected: false, serverMsgID: m?.serverMsgID, seq: m?.seq };
      } catch (e) {
        return { rejected: true, errCode: e.errCode, errMsg: e.errMsg };
      }
    };
    const sdkAttempt = await attempt(`intruder 1 from ${outsiderID}`);
    report.check(
      'nonMember.send',
      { rejected: true, errCode: ERR_SDK_ARGS, by: 'SDK member check (get_group_members_info has no such member)' },
      { ...sdkAttempt, by: 'SDK member check (get_group_members_info has no such member)' },
      sdkAttempt.rejected === true,
    );
    // Make the SDK believe it is a member so the 1003 request reaches the server.
    outsider.sdk.groupTrigger.cache.cachedGroupMembers.set(groupID, [
      { groupID, userID: outsiderID, nickname: outsiderID, faceURL: '', roleLevel: 20, joinTime: 0, joinSource: 2, inviterUserID: '', operatorUserID: '', muteEndTime: 0, ex: '' },
    ]);
    const serverAttempt = await attempt(`intruder 2 from ${outsiderID}`);
    report.check(
      'nonMember.send.server',
      { rejected: true, errCode: ERR_NOT_IN_GROUP },
      { rejected: serverAttempt.rejected, errCode: serverAttempt.errCode, errMsg: serverAttempt.errMsg },
      serverAttempt.rejected === true && serverAttempt.errCode === ERR_NOT_IN_GROUP,
    );
    await sleep(SETTLE_MS);
    report.check(
      'nonMember.notDelivered',
      [],
      online.flatMap((u) =>
        u.receivedMessages(since.get(u)).filter((m) => m.sendID === outsiderID).map((m) => ({ user: u.userID, ...brief(m) })),
      ),
    );

    // 6. A late member --------------------------------------------------------------------------
    since = new Map(online.map((u) => [u, u.cursor()]));
    say('m32 is invited (admin API)');
    await postJson(opts.api, '/group/invite_user_to_group', { groupID, invitedUserIDs: [lateID] }, { token: adminToken });
    const isInvited = (m) => m.groupID === groupID && m.contentType === ContentType.GroupMemberInvited;
    const invitedSeen = await Promise.all(
      online.map((u) => u.collectMessages({ since: since.get(u), count: 1, timeoutMs: RECV_MS, pred: isInvited })),
    );
    const joinSeq = invitedSeen.find((l) => l.length)?.[0]?.seq;
    report.info.joinSeq = joinSeq;
    const invitedTips = invitedSeen.find((l) => l.length) ? notificationDetailOf(invitedSeen.find((l) => l.length)[0]) : undefined;
    report.check(
      'online.invitedNotification',
      online.map((u) => ({ user: u.userID, count: 1, seq: 3 })),
      online.map((u, i) => ({ user: u.userID, count: invitedSeen[i].length, seq: invitedSeen[i][0]?.seq })),
    );
    report.check(
      'online.invitedNotification.detail',
      { invited: [lateID] },
      { invited: (invitedTips?.invitedUserList ?? []).map((m) => m.userID) },
    );
    const info = await postJson(opts.api, '/group/get_groups_info', { groupIDs: [groupID] }, { token: adminToken });
    report.check('group.memberCount.afterInvite', GROUP_SIZE + 1, info?.groupInfos?.[0]?.memberCount);

    const late = user(32);
    say('m32 logs in');
    const lateLogin = await late.login({ timeoutMs: LOGIN_MS });
    report.check('lateMember.login.sync', 'finish', syncState(lateLogin));
    const lateJoined = await late.isJoinGroup(groupID);
    const lateHistory = await late.history(conversationID, 20);
    let lateBelow;
    let lateAtJoin;
    try {
      lateAtJoin = (await late.pullSeqs(conversationID, [joinSeq ?? 3])).map((m) => ({ seq: m.seq, contentType: m.contentType }));
    } catch (e) {
      lateAtJoin = `pull failed: ${sdkErr(e)}`;
    }
    try {
      const below = Math.max(1, (joinSeq ?? 3) - 1);
      lateBelow = {
        pullRange: (await late.pullRange(conversationID, 1, below)).map(view),
        pullSeqs: (await late.pullSeqs(conversationID, Array.from({ length: below }, (_, i) => below - i))).map(view),
      };
    } catch (e) {
      lateBelow = `pull failed: ${sdkErr(e)}`;
    }
    report.check(
      'lateMember.noEarlier',
      {
        isJoinGroup: true,
        history: [{ seq: joinSeq, contentType: ContentType.GroupMemberInvited }],
        atJoinSeq: [{ seq: joinSeq, contentType: ContentType.GroupMemberInvited }],
        belowJoinSeq: { pullRange: [], pullSeqs: [] },
      },
      {
        isJoinGroup: lateJoined,
        history: lateHistory.map((m) => ({ seq: m.seq, contentType: m.contentType })).sort(bySeq),
        atJoinSeq: lateAtJoin,
        belowJoinSeq: lateBelow,
      },
      lateJoined === true &&
        joinSeq !== undefined &&
        lateHistory.length > 0 &&
        lateHistory.every((m) => m.seq >= joinSeq && m.clientMsgID !== sent1.clientMsgID) &&
        lateHistory.some((m) => m.seq === joinSeq && m.contentType === ContentType.GroupMemberInvited) &&
        JSON.stringify(lateAtJoin) === JSON.stringify([{ seq: joinSeq, contentType: ContentType.GroupMemberInvited }]) &&
        typeof lateBelow === 'object' &&
        lateBelow.pullRange.length === 0 &&
        lateBelow.pullSeqs.length === 0,
    );

    const text2 = `group hello after the invite from ${id(3)}`;
    const all = [...online, late];
    since = new Map(all.map((u) => [u, u.cursor()]));
    say('m03 sends a group text after the invite');
    const sent2 = await user(3).sendText({ groupID, text: text2 });
    const isText2 = (m) => m.clientMsgID === sent2.clientMsgID;
    const receivers2 = all.filter((u) => u !== user(3));
    await Promise.all(
      receivers2.map((u) => u.collectMessages({ since: since.get(u), count: 1, timeoutMs: RECV_MS, pred: isText2 })),
    );
    await sleep(SETTLE_MS);
    const lateGot = late.receivedMessages(since.get(late)).filter(isText2);
    report.check(
      'lateMember.receivesNew',
      { count: 1, seq: (joinSeq ?? 3) + 1, text: text2, sendID: id(3), groupID, sessionType: SessionType.Group },
      lateGot.length
        ? { count: lateGot.length, seq: lateGot[0].seq, text: textOf(lateGot[0]), sendID: lateGot[0].sendID, groupID: lateGot[0].groupID, sessionType: lateGot[0].sessionType }
        : { count: 0 },
    );
    report.check(
      'online.eachOnce.afterInvite',
      receivers2.filter((u) => u !== late).map((u) => ({ user: u.userID, count: 1 })),
      receivers2.filter((u) => u !== late).map((u) => ({ user: u.userID, count: u.receivedMessages(since.get(u)).filter(isText2).length })),
    );
    const lateHistory2 = await late.history(conversationID, 20);
    report.check(
      'lateMember.history',
      [
        { seq: joinSeq, contentType: ContentType.GroupMemberInvited, text: undefined },
        { seq: (joinSeq ?? 3) + 1, contentType: ContentType.Text, text: text2 },
      ],
      lateHistory2.map((m) => ({ seq: m.seq, contentType: m.contentType, text: textOf(m) })).sort(bySeq),
    );
  } finally {
    await Promise.allSettled([...users.values()].map((u) => u.close()));
  }
});
