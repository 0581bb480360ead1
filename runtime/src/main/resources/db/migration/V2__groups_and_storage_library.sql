-- Groups and their members: the relational side of Parley.
CREATE TABLE im_groups (
  group_id           VARCHAR(64)   NOT NULL PRIMARY KEY,
  group_name         VARCHAR(255)  NOT NULL DEFAULT '',
  notification       TEXT          NULL,
  introduction       TEXT          NULL,
  face_url           VARCHAR(1024) NOT NULL DEFAULT '',
  owner_user_id      VARCHAR(64)   NOT NULL,
  creator_user_id    VARCHAR(64)   NOT NULL,
  ex                 TEXT          NULL,
  status             INT           NOT NULL DEFAULT 0,
  group_type         INT           NOT NULL DEFAULT 2,
  need_verification  INT           NOT NULL DEFAULT 0,
  member_count       INT           NOT NULL DEFAULT 0,
  created_at         BIGINT        NOT NULL
) DEFAULT CHARSET = utf8mb4;

CREATE TABLE im_group_members (
  group_id        VARCHAR(64)  NOT NULL,
  user_id         VARCHAR(64)  NOT NULL,
  role_level      INT          NOT NULL DEFAULT 20,
  nickname        VARCHAR(255) NOT NULL DEFAULT '',
  join_seq        BIGINT       NOT NULL DEFAULT 1,
  join_time       BIGINT       NOT NULL,
  inviter_user_id VARCHAR(64)  NOT NULL DEFAULT '',
  PRIMARY KEY (group_id, user_id),
  KEY member_groups (user_id)
) DEFAULT CHARSET = utf8mb4;

-- The storage library: every message, forever or for parley.retention.cold.
CREATE TABLE im_messages (
  conversation_id VARCHAR(160) NOT NULL,
  seq             BIGINT       NOT NULL,
  client_msg_id   VARCHAR(64)  NOT NULL,
  send_id         VARCHAR(64)  NOT NULL,
  send_time       BIGINT       NOT NULL,
  msg             MEDIUMBLOB   NOT NULL,
  PRIMARY KEY (conversation_id, seq),
  KEY message_send_time (send_time)
) DEFAULT CHARSET = utf8mb4;
