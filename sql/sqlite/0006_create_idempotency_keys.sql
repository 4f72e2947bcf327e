-- Request ids of mutating calls, so that a retry returns the revision the first call produced.
CREATE TABLE idempotency_keys (
  request_id TEXT NOT NULL,
  method TEXT NOT NULL,
  fingerprint INTEGER NOT NULL,
  interaction_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  create_time TEXT NOT NULL,
  CONSTRAINT pk_idempotency_keys PRIMARY KEY (request_id)
);
CREATE INDEX idx_idempotency_keys_create_time ON idempotency_keys (create_time);
