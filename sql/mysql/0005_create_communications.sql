-- The conversation of each interaction.
CREATE TABLE communications (
  id CHAR(26) NOT NULL,
  interaction_id CHAR(26) NOT NULL,
  revision BIGINT NOT NULL,
  direction VARCHAR(16) NOT NULL,
  author_kind VARCHAR(16) NOT NULL,
  author VARCHAR(128) NOT NULL,
  channel VARCHAR(16) NOT NULL,
  body MEDIUMTEXT NOT NULL,
  occur_time DATETIME(6) NOT NULL,
  duration_micros BIGINT NOT NULL,
  CONSTRAINT pk_communications PRIMARY KEY (id),
  CONSTRAINT uk_communications_interaction_revision UNIQUE (interaction_id, revision),
  INDEX idx_communications_interaction_occur_time (interaction_id, occur_time, revision)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
