package dev.parley.runtime.store.mysql;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.parley.runtime.protocol.pb.MsgData;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The storage library: every message in MySQL, written in batches and idempotent on
 * (conversation_id, seq), read when a seq is no longer in the hot sync library.
 */
@ApplicationScoped
public class StorageLibrary {
    private final AgroalDataSource dataSource;

    public StorageLibrary(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores a batch in one statement batch; rows already stored are left as they are. */
    public void store(String[] conversationIds, List<MsgData> msgs) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement("INSERT IGNORE INTO im_messages"
                        + " (conversation_id, seq, client_msg_id, send_id, send_time, msg) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < msgs.size(); i++) {
                MsgData m = msgs.get(i);
                insert.setString(1, conversationIds[i]);
                insert.setLong(2, m.getSeq());
                insert.setString(3, m.getClientMsgID());
                insert.setString(4, m.getSendID());
                insert.setLong(5, m.getSendTime());
                insert.setBytes(6, m.toByteArray());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    public Map<Long, MsgData> find(String conversationId, Collection<Long> seqs) {
        Map<Long, MsgData> found = new HashMap<>();
        if (seqs.isEmpty()) {
            return found;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT seq, msg FROM im_messages WHERE conversation_id = ? AND seq IN ("
                        + GroupStore.marks(seqs.size()) + ")")) {
            select.setString(1, conversationId);
            int i = 2;
            for (Long seq : seqs) {
                select.setLong(i++, seq);
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getLong(1), MsgData.parseFrom(rs.getBytes(2)));
                }
            }
            return found;
        } catch (SQLException | InvalidProtocolBufferException e) {
            throw new IllegalStateException("storage library read of " + conversationId + " failed: " + e.getMessage(), e);
        }
    }

    /** Which of the given (conversationId, seq) pairs are stored; used before trimming the hot copy. */
    public Set<String> storedOf(Map<String, List<Long>> seqsByConversation) {
        Set<String> stored = new HashSet<>();
        seqsByConversation.forEach((conversationId, seqs) -> find(conversationId, seqs).keySet()
                .forEach(seq -> stored.add(conversationId + ":" + seq)));
        return stored;
    }

    /** Deletes messages sent before the cutoff; returns how many. */
    public int deleteOlderThan(long sendTimeMillis, int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement delete = c.prepareStatement("DELETE FROM im_messages WHERE send_time < ? LIMIT ?")) {
            delete.setLong(1, sendTimeMillis);
            delete.setInt(2, limit);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cold retention delete failed: " + e.getMessage(), e);
        }
    }
}
