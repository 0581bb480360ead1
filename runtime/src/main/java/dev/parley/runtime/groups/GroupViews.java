package dev.parley.runtime.groups;

import dev.parley.runtime.store.mysql.GroupStore;
import java.util.LinkedHashMap;
import java.util.Map;

/** OpenIM's JSON shapes of a group (sdkws.GroupInfo) and a member (sdkws.GroupMemberFullInfo). */
public final class GroupViews {
    private GroupViews() {
    }

    public static Map<String, Object> groupInfo(GroupStore.Group g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("groupID", g.groupId());
        m.put("groupName", g.groupName());
        m.put("notification", g.notification());
        m.put("introduction", g.introduction());
        m.put("faceURL", g.faceUrl());
        m.put("ownerUserID", g.ownerUserId());
        m.put("createTime", g.createTime());
        m.put("memberCount", g.memberCount());
        m.put("ex", g.ex());
        m.put("status", g.status());
        m.put("creatorUserID", g.creatorUserId());
        m.put("groupType", g.groupType());
        m.put("needVerification", g.needVerification());
        m.put("lookMemberInfo", 0);
        m.put("applyMemberFriend", 0);
        m.put("notificationUpdateTime", 0);
        m.put("notificationUserID", "");
        return m;
    }

    public static Map<String, Object> member(GroupStore.Member member) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("groupID", member.groupId());
        m.put("userID", member.userId());
        m.put("roleLevel", member.roleLevel());
        m.put("joinTime", member.joinTime());
        m.put("nickname", member.nickname());
        m.put("faceURL", "");
        m.put("appMangerLevel", 0);
        m.put("joinSource", 2);
        m.put("operatorUserID", member.inviterUserId());
        m.put("ex", "");
        m.put("muteEndTime", 0);
        m.put("inviterUserID", member.inviterUserId());
        return m;
    }
}
