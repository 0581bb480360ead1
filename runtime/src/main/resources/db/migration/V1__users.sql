CREATE TABLE users (
  user_id      VARCHAR(64)  NOT NULL PRIMARY KEY,
  nickname     VARCHAR(255) NOT NULL DEFAULT '',
  face_url     VARCHAR(1024) NOT NULL DEFAULT '',
  ex           TEXT NULL,
  created_at   BIGINT NOT NULL
) DEFAULT CHARSET = utf8mb4;
