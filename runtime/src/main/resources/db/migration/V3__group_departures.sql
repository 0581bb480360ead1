-- Members who left a group keep reading its history up to the seq at which they left.
CREATE TABLE im_group_departures (
  group_id   VARCHAR(64) NOT NULL,
  user_id    VARCHAR(64) NOT NULL,
  join_seq   BIGINT      NOT NULL,
  leave_seq  BIGINT      NOT NULL,
  left_at    BIGINT      NOT NULL,
  PRIMARY KEY (group_id, user_id)
) DEFAULT CHARSET = utf8mb4;
