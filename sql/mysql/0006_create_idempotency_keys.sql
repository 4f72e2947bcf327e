-- Request ids of mutating calls, so that a retry returns the revision the first call produced.
CREATE TABLE idempotency_keys (
  request_id VARCHAR(128) NOT NULL,
  method VARCHAR(64) NOT NULL,
  fingerprint BIGINT NOT NULL,
  interaction_id CHAR(26) NOT NULL,
  revision BIGINT NOT NULL,
  create_time DATETIME(6) NOT NULL,
  CONSTRAINT pk_idempotency_keys PRIMARY KEY (request_id),
  INDEX idx_idempotency_keys_create_time (create_time)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
