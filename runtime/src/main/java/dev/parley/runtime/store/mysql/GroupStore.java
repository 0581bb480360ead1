package dev.parley.runtime.store.mysql;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** Groups and memberships in MySQL. */
@ApplicationScoped
public class GroupStore {
    public static final int STATUS_OK = 0;
    public static final int STATUS_DISMISSED = 2;
    public static final int ROLE_OWNER = 100;
    public static final int ROLE_ADMIN = 60;
    public static final int ROLE_ORDINARY = 20;

    private final AgroalDataSource dataSource;

    public GroupStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public record Group(String groupId, String groupName, String notification, String introduction, String faceUrl,
            String ownerUserId, String creatorUserId, String ex, int status, int groupType, int needVerification,
            int memberCount, long createTime) {
    }

    /** A membership; {@code joinSeq} is the first seq of the group's conversation the member may read. */
    public record Member(String groupId, String userId, int roleLevel, String nickname, long joinSeq, long joinTime,
            String inviterUserId) {
    }

    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            if ("23000".equals(e.getSQLState())) {
                throw new DuplicateException(e.getMessage());
            }
            throw new IllegalStateException("group store: " + e.getMessage(), e);
        }
    }

    /** A unique key was already taken (e.g. the group ID). */
    public static final class DuplicateException extends RuntimeException {
        DuplicateException(String message) {
            super(message);
        }
    }

    public void create(Group g, List<Member> members) {
        inTransaction(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO im_groups (group_id, group_name, notification, introduction,"
                    + " face_url, owner_user_id, creator_user_id, ex, status, group_type, need_verification, member_count, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)")) {
                insert.setString(1, g.groupId());
                insert.setString(2, g.groupName());
                insert.setString(3, g.notification());
                insert.setString(4, g.introduction());
                insert.setString(5, g.faceUrl());
                insert.setString(6, g.ownerUserId());
                insert.setString(7, g.creatorUserId());
                insert.setString(8, g.ex());
                insert.setInt(9, STATUS_OK);
                insert.setInt(10, g.groupType());
                insert.setInt(11, g.needVerification());
                insert.setLong(12, g.createTime());
                insert.executeUpdate();
            }
            insertMembers(c, members);
            return null;
        });
    }

    /** Adds members not in the group yet; returns the ones added. */
    public List<Member> addMembers(String groupId, List<Member> members) {
        return inTransaction(c -> {
            List<String> present = new ArrayList<>();
            for (Member m : members(c, groupId, members.stream().map(Member::userId).toList())) {
                present.add(m.userId());
            }
            List<Member> added = members.stream().filter(m -> !present.contains(m.userId())).toList();
            insertMembers(c, added);
            return added;
        });
    }

    /** A former member's readable window: {@code [joinSeq, leaveSeq]}. */
    public record Departure(String groupId, String userId, long joinSeq, long leaveSeq) {
    }

    /**
     * Removes members and records their departure, so that they keep reading the group up to
     * {@code leaveSeq}; returns how many were removed.
     */
    public int removeMembers(String groupId, Collection<String> userIds, long leaveSeq) {
        if (userIds.isEmpty()) {
            return 0;
        }
        return inTransaction(c -> {
            int removed;
            try (PreparedStatement depart = c.prepareStatement("INSERT INTO im_group_departures (group_id, user_id, join_seq, leave_seq, left_at)"
                    + " SELECT group_id, user_id, join_seq, ?, ? FROM im_group_members WHERE group_id = ? AND user_id IN (" + marks(userIds.size()) + ")"
                    + " ON DUPLICATE KEY UPDATE join_seq = VALUES(join_seq), leave_seq = VALUES(leave_seq), left_at = VALUES(left_at)")) {
                depart.setLong(1, leaveSeq);
                depart.setLong(2, System.currentTimeMillis());
                depart.setString(3, groupId);
                int i = 4;
                for (String id : userIds) {
                    depart.setString(i++, id);
                }
                depart.executeUpdate();
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM im_group_members WHERE group_id = ? AND user_id IN ("
                    + marks(userIds.size()) + ")")) {
                delete.setString(1, groupId);
                int i = 2;
                for (String id : userIds) {
                    delete.setString(i++, id);
                }
                removed = delete.executeUpdate();
            }
            recount(c, groupId);
            return removed;
        });
    }

    /** Dismisses the group; its members keep reading its history up to {@code leaveSeq}. */
    public void dismiss(String groupId, long leaveSeq) {
        inTransaction(c -> {
            try (PreparedStatement depart = c.prepareStatement("INSERT INTO im_group_departures (group_id, user_id, join_seq, leave_seq, left_at)"
                    + " SELECT group_id, user_id, join_seq, ?, ? FROM im_group_members WHERE group_id = ?"
                    + " ON DUPLICATE KEY UPDATE join_seq = VALUES(join_seq), leave_seq = VALUES(leave_seq), left_at = VALUES(left_at)")) {
                depart.setLong(1, leaveSeq);
                depart.setLong(2, System.currentTimeMillis());
                depart.setString(3, groupId);
                depart.executeUpdate();
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE im_groups SET status = ?, member_count = 0 WHERE group_id = ?");
                    PreparedStatement delete = c.prepareStatement("DELETE FROM im_group_members WHERE group_id = ?")) {
                update.setInt(1, STATUS_DISMISSED);
                update.setString(2, groupId);
                update.executeUpdate();
                delete.setString(1, groupId);
                delete.executeUpdate();
            }
            return null;
        });
    }

    public List<Group> groups(Collection<String> groupIds) {
        if (groupIds.isEmpty()) {
            return List.of();
        }
        return selectGroups("WHERE g.group_id IN (" + marks(groupIds.size()) + ")", List.copyOf(groupIds));
    }

    private List<Group> selectGroups(String where, List<String> params) {
        return inTransaction(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT g.group_id, g.group_name, g.notification, g.introduction,"
                    + " g.face_url, g.owner_user_id, g.creator_user_id, g.ex, g.status, g.group_type, g.need_verification,"
                    + " g.member_count, g.created_at FROM im_groups g " + where)) {
                for (int i = 0; i < params.size(); i++) {
                    select.setString(i + 1, params.get(i));
                }
                List<Group> groups = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        groups.add(new Group(rs.getString(1), rs.getString(2), nn(rs.getString(3)), nn(rs.getString(4)), rs.getString(5),
                                rs.getString(6), rs.getString(7), nn(rs.getString(8)), rs.getInt(9), rs.getInt(10), rs.getInt(11),
                                rs.getInt(12), rs.getLong(13)));
                    }
                }
                return groups;
            }
        });
    }

    /** All members, or only the named ones when {@code userIds} is not null. */
    public List<Member> members(String groupId, Collection<String> userIds) {
        return inTransaction(c -> members(c, groupId, userIds));
    }

    /** The user's departure from the group, if the user left it (and did not rejoin). */
    public java.util.Optional<Departure> departure(String groupId, String userId) {
        return inTransaction(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT join_seq, leave_seq FROM im_group_departures WHERE group_id = ? AND user_id = ?")) {
                select.setString(1, groupId);
                select.setString(2, userId);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? java.util.Optional.of(new Departure(groupId, userId, rs.getLong(1), rs.getLong(2)))
                            : java.util.Optional.<Departure>empty();
                }
            }
        });
    }

    /** The groups a user is a member of, with their member counts. */
    public List<Group> groupsOf(String userId) {
        return selectGroups("JOIN im_group_members m ON m.group_id = g.group_id WHERE m.user_id = ?", List.of(userId));
    }

    private static List<Member> members(Connection c, String groupId, Collection<String> userIds) throws SQLException {
        if (userIds != null && userIds.isEmpty()) {
            return List.of();
        }
        String sql = "SELECT group_id, user_id, role_level, nickname, join_seq, join_time, inviter_user_id FROM im_group_members"
                + " WHERE group_id = ?" + (userIds == null ? "" : " AND user_id IN (" + marks(userIds.size()) + ")");
        try (PreparedStatement select = c.prepareStatement(sql)) {
            select.setString(1, groupId);
            if (userIds != null) {
                int i = 2;
                for (String id : userIds) {
                    select.setString(i++, id);
                }
            }
            List<Member> members = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    members.add(new Member(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getLong(5),
                            rs.getLong(6), rs.getString(7)));
                }
            }
            return members;
        }
    }

    private static void insertMembers(Connection c, List<Member> members) throws SQLException {
        if (members.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO im_group_members (group_id, user_id, role_level, nickname,"
                + " join_seq, join_time, inviter_user_id) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (Member m : members) {
                insert.setString(1, m.groupId());
                insert.setString(2, m.userId());
                insert.setInt(3, m.roleLevel());
                insert.setString(4, m.nickname());
                insert.setLong(5, m.joinSeq());
                insert.setLong(6, m.joinTime());
                insert.setString(7, m.inviterUserId());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement rejoin = c.prepareStatement("DELETE FROM im_group_departures WHERE group_id = ? AND user_id IN ("
                + marks(members.size()) + ")")) {
            rejoin.setString(1, members.get(0).groupId());
            int i = 2;
            for (Member m : members) {
                rejoin.setString(i++, m.userId());
            }
            rejoin.executeUpdate();
        }
        recount(c, members.get(0).groupId());
    }

    private static void recount(Connection c, String groupId) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE im_groups SET member_count = (SELECT COUNT(*) FROM im_group_members WHERE group_id = ?) WHERE group_id = ?")) {
            update.setString(1, groupId);
            update.setString(2, groupId);
            update.executeUpdate();
        }
    }

    static String marks(int n) {
        return String.join(",", Collections.nCopies(n, "?"));
    }

    private static String nn(String s) {
        return s == null ? "" : s;
    }
}
