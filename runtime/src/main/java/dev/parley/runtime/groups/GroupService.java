package dev.parley.runtime.groups;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.parley.runtime.auth.TokenService;
import dev.parley.runtime.gateway.MessageIngress;
import dev.parley.runtime.protocol.Conversations;
import dev.parley.runtime.protocol.ErrCode;
import dev.parley.runtime.protocol.ImException;
import dev.parley.runtime.protocol.pb.MsgData;
import dev.parley.runtime.store.mongo.SyncLibrary;
import dev.parley.runtime.store.mysql.GroupStore;
import dev.parley.runtime.store.mysql.UserStore;
import dev.parley.runtime.store.redis.SeqCounters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Group lifecycle: create, invite, kick, quit, dismiss. Each change is written to MySQL, the
 * member cache is invalidated, and the group gets the OpenIM notification the SDK expects,
 * through the same store-before-sync path as any message.
 */
@ApplicationScoped
public class GroupService {
    static final int GROUP_CREATED = 1501;
    static final int MEMBER_QUIT = 1504;
    static final int MEMBER_KICKED = 1508;
    static final int MEMBER_INVITED = 1509;
    static final int GROUP_DISMISSED = 1511;
    private static final int SYSTEM_MSG = 200;

    private final GroupStore groups;
    private final GroupMembers members;
    private final UserStore users;
    private final MessageIngress ingress;
    private final SeqCounters counters;
    private final SyncLibrary syncLibrary;
    private final ObjectMapper json;

    public GroupService(GroupStore groups, GroupMembers members, UserStore users, MessageIngress ingress, SeqCounters counters,
            SyncLibrary syncLibrary, ObjectMapper json) {
        this.groups = groups;
        this.members = members;
        this.users = users;
        this.ingress = ingress;
        this.counters = counters;
        this.syncLibrary = syncLibrary;
        this.json = json;
    }

    /** What a caller asks for a new group. */
    public record NewGroup(String groupId, String groupName, String notification, String introduction, String faceUrl,
            String ex, int groupType, int needVerification) {
    }

    public GroupStore.Group create(String operatorId, String ownerId, List<String> memberIds, List<String> adminIds, NewGroup spec) {
        Set<String> everyone = new LinkedHashSet<>();
        everyone.add(ownerId);
        everyone.addAll(adminIds);
        everyone.addAll(memberIds);
        Map<String, String> nicknames = registered(everyone);
        String groupId = spec.groupId() == null || spec.groupId().isEmpty()
                ? UUID.randomUUID().toString().replace("-", "").substring(0, 16) : spec.groupId();
        if (!Conversations.USER_ID.matcher(groupId).matches()) {
            throw ImException.args("groupID " + groupId + " is invalid: use 1-64 letters, digits, '-' or '@'");
        }
        long now = System.currentTimeMillis();
        List<GroupStore.Member> list = new ArrayList<>();
        for (String userId : everyone) {
            int role = userId.equals(ownerId) ? GroupStore.ROLE_OWNER : adminIds.contains(userId) ? GroupStore.ROLE_ADMIN : GroupStore.ROLE_ORDINARY;
            list.add(new GroupStore.Member(groupId, userId, role, nicknames.get(userId), 1, now, operatorId));
        }
        try {
            groups.create(new GroupStore.Group(groupId, nz(spec.groupName()), nz(spec.notification()), nz(spec.introduction()),
                    nz(spec.faceUrl()), ownerId, operatorId, nz(spec.ex()), GroupStore.STATUS_OK, spec.groupType(), spec.needVerification(),
                    list.size(), now), list);
        } catch (GroupStore.DuplicateException e) {
            throw new ImException(ErrCode.GROUP_ID_EXISTED, "group " + groupId + " exists already");
        }
        members.invalidate(groupId);
        GroupStore.Group group = group(groupId);
        Map<String, Object> tips = new LinkedHashMap<>();
        tips.put("group", GroupViews.groupInfo(group));
        tips.put("opUser", GroupViews.member(list.get(0)));
        tips.put("memberList", list.stream().map(GroupViews::member).toList());
        tips.put("operationTime", now);
        tips.put("groupOwnerUser", GroupViews.member(list.get(0)));
        notify(group, operatorId, GROUP_CREATED, tips, null);
        return group;
    }

    public void invite(String operatorId, boolean operatorIsAdmin, String groupId, List<String> userIds) {
        GroupStore.Group group = group(groupId);
        Map<String, Long> current = members.of(groupId);
        if (!operatorIsAdmin && !current.containsKey(operatorId)) {
            throw new ImException(ErrCode.NOT_IN_GROUP, operatorId + " is not a member of group " + groupId + " and cannot invite");
        }
        Map<String, String> nicknames = registered(userIds);
        // A new member reads from the next seq on: what was said before they joined stays unseen.
        long joinSeq = currentMaxSeq(Conversations.group(groupId)) + 1;
        long now = System.currentTimeMillis();
        List<GroupStore.Member> invited = new ArrayList<>();
        for (String userId : userIds) {
            invited.add(new GroupStore.Member(groupId, userId, GroupStore.ROLE_ORDINARY, nicknames.get(userId), joinSeq, now, operatorId));
        }
        List<GroupStore.Member> added = groups.addMembers(groupId, invited);
        members.invalidate(groupId);
        if (added.isEmpty()) {
            return;
        }
        Map<String, Object> tips = new LinkedHashMap<>();
        tips.put("group", GroupViews.groupInfo(group(groupId)));
        tips.put("opUser", operatorView(groupId, operatorId));
        tips.put("invitedUserList", added.stream().map(GroupViews::member).toList());
        tips.put("operationTime", now);
        notify(group, operatorId, MEMBER_INVITED, tips, null);
    }

    public void kick(String operatorId, boolean operatorIsAdmin, String groupId, List<String> userIds) {
        GroupStore.Group group = group(groupId);
        if (!operatorIsAdmin) {
            List<GroupStore.Member> op = groups.members(groupId, List.of(operatorId));
            if (op.isEmpty() || op.get(0).roleLevel() < GroupStore.ROLE_ADMIN) {
                throw ImException.noPermission(operatorId + " is not the owner or an admin of group " + groupId);
            }
        }
        if (userIds.contains(group.ownerUserId())) {
            throw ImException.noPermission("the owner cannot be kicked from group " + groupId + ": transfer or dismiss it");
        }
        List<String> audience = new ArrayList<>(members.of(groupId).keySet());
        List<GroupStore.Member> kicked = groups.members(groupId, userIds);
        // They keep what was said while they were members, and their own removal notice.
        groups.removeMembers(groupId, userIds, currentMaxSeq(Conversations.group(groupId)) + 1);
        members.invalidate(groupId);
        Map<String, Object> tips = new LinkedHashMap<>();
        tips.put("group", GroupViews.groupInfo(group(groupId)));
        tips.put("opUser", operatorView(groupId, operatorId));
        tips.put("kickedUserList", kicked.stream().map(GroupViews::member).toList());
        tips.put("operationTime", System.currentTimeMillis());
        notify(group, operatorId, MEMBER_KICKED, tips, audience);
    }

    public void quit(String userId, String groupId) {
        GroupStore.Group group = group(groupId);
        List<GroupStore.Member> me = groups.members(groupId, List.of(userId));
        if (me.isEmpty()) {
            throw new ImException(ErrCode.NOT_IN_GROUP, userId + " is not a member of group " + groupId);
        }
        if (userId.equals(group.ownerUserId())) {
            throw ImException.noPermission("the owner cannot quit group " + groupId + ": dismiss it instead");
        }
        List<String> audience = new ArrayList<>(members.of(groupId).keySet());
        groups.removeMembers(groupId, List.of(userId), currentMaxSeq(Conversations.group(groupId)) + 1);
        members.invalidate(groupId);
        Map<String, Object> tips = new LinkedHashMap<>();
        tips.put("group", GroupViews.groupInfo(group(groupId)));
        tips.put("quitUser", GroupViews.member(me.get(0)));
        tips.put("operationTime", System.currentTimeMillis());
        notify(group, userId, MEMBER_QUIT, tips, audience);
    }

    public void dismiss(String operatorId, boolean operatorIsAdmin, String groupId) {
        GroupStore.Group group = group(groupId);
        if (!operatorIsAdmin && !operatorId.equals(group.ownerUserId())) {
            throw ImException.noPermission("only the owner of group " + groupId + " can dismiss it");
        }
        List<String> audience = new ArrayList<>(members.of(groupId).keySet());
        Map<String, Object> tips = new LinkedHashMap<>();
        tips.put("group", GroupViews.groupInfo(group));
        tips.put("opUser", operatorView(groupId, operatorId));
        tips.put("operationTime", System.currentTimeMillis());
        groups.dismiss(groupId, currentMaxSeq(Conversations.group(groupId)) + 1);
        members.invalidate(groupId);
        notify(group, operatorId, GROUP_DISMISSED, tips, audience);
    }

    /** The group, if it exists and is not dismissed. */
    public GroupStore.Group group(String groupId) {
        List<GroupStore.Group> found = groups.groups(List.of(groupId));
        if (found.isEmpty()) {
            throw new ImException(ErrCode.GROUP_ID_NOT_FOUND, "group " + groupId + " does not exist");
        }
        if (found.get(0).status() == GroupStore.STATUS_DISMISSED) {
            throw new ImException(ErrCode.DISMISSED_ALREADY, "group " + groupId + " was dismissed");
        }
        return found.get(0);
    }

    private Map<String, Object> operatorView(String groupId, String operatorId) {
        List<GroupStore.Member> op = groups.members(groupId, List.of(operatorId));
        return op.isEmpty()
                ? GroupViews.member(new GroupStore.Member(groupId, operatorId, GroupStore.ROLE_ORDINARY, operatorId, 0, 0, ""))
                : GroupViews.member(op.get(0));
    }

    private long currentMaxSeq(String conversationId) {
        Long cached = counters.current(List.of(conversationId)).get(conversationId);
        long recorded = syncLibrary.maxSeqs(List.of(conversationId)).getOrDefault(conversationId, 0L);
        return Math.max(cached == null ? 0 : cached, recorded);
    }

    private Map<String, String> registered(Iterable<String> userIds) {
        List<String> ids = new ArrayList<>();
        userIds.forEach(ids::add);
        Map<String, String> nicknames = new LinkedHashMap<>();
        users.find(ids).forEach(u -> nicknames.put(u.userId(), u.nickname()));
        for (String id : ids) {
            if (!nicknames.containsKey(id)) {
                throw new ImException(ErrCode.USER_ID_NOT_FOUND, "user " + id + " is not registered");
            }
        }
        return nicknames;
    }

    /** Sends a group notification and waits for Kafka to accept it. */
    private void notify(GroupStore.Group group, String operatorId, int contentType, Map<String, Object> tips, List<String> audience) {
        String detail;
        try {
            detail = json.writeValueAsString(tips);
            MsgData msg = MsgData.newBuilder()
                    .setSendID(operatorId.isEmpty() ? TokenService.ADMIN_USER : operatorId)
                    .setGroupID(group.groupId())
                    .setClientMsgID(UUID.randomUUID().toString().replace("-", ""))
                    .setSessionType(Conversations.READ_GROUP_CHAT)
                    .setMsgFrom(SYSTEM_MSG)
                    .setContentType(contentType)
                    .setContent(ByteString.copyFromUtf8(json.writeValueAsString(Map.of("detail", detail))))
                    .build();
            ingress.send(ingress.stamp(msg, 0), "", audience).get(30, TimeUnit.SECONDS);
        } catch (JsonProcessingException | InterruptedException | ExecutionException | TimeoutException e) {
            throw new ImException(ErrCode.SERVER_INTERNAL, "group " + group.groupId() + " changed, but its notification was not sent: "
                    + e.getMessage());
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
