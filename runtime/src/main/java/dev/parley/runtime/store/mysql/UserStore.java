package dev.parley.runtime.store.mysql;

import dev.parley.runtime.protocol.ErrCode;
import dev.parley.runtime.protocol.ImException;
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

/** Registered users, in MySQL. */
@ApplicationScoped
public class UserStore {
    private final AgroalDataSource dataSource;

    public UserStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public record User(String userId, String nickname, String faceUrl, String ex, long createTime) {
    }

    /** Registers users in one batch; fails with 1102 naming the first already registered one. */
    public void register(List<User> users) {
        try (Connection c = dataSource.getConnection()) {
            List<User> existing = find(c, users.stream().map(User::userId).toList());
            if (!existing.isEmpty()) {
                throw new ImException(ErrCode.REGISTERED_ALREADY, "user " + existing.get(0).userId() + " is registered already");
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO users (user_id, nickname, face_url, ex, created_at) VALUES (?, ?, ?, ?, ?)")) {
                for (User u : users) {
                    insert.setString(1, u.userId());
                    insert.setString(2, u.nickname());
                    insert.setString(3, u.faceUrl());
                    insert.setString(4, u.ex());
                    insert.setLong(5, u.createTime());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        } catch (SQLException e) {
            if ("23000".equals(e.getSQLState())) {
                throw new ImException(ErrCode.REGISTERED_ALREADY, "a user in this request is registered already");
            }
            throw new IllegalStateException("cannot register users", e);
        }
    }

    public List<User> find(Collection<String> userIds) {
        try (Connection c = dataSource.getConnection()) {
            return find(c, userIds);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read users", e);
        }
    }

    public boolean exists(String userId) {
        return !find(List.of(userId)).isEmpty();
    }

    private static List<User> find(Connection c, Collection<String> userIds) throws SQLException {
        if (userIds.isEmpty()) {
            return List.of();
        }
        String marks = String.join(",", Collections.nCopies(userIds.size(), "?"));
        try (PreparedStatement select = c.prepareStatement(
                "SELECT user_id, nickname, face_url, ex, created_at FROM users WHERE user_id IN (" + marks + ")")) {
            int i = 1;
            for (String id : userIds) {
                select.setString(i++, id);
            }
            List<User> users = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    users.add(new User(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)));
                }
            }
            return users;
        }
    }
}
