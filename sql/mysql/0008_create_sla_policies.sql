-- SLA policies. calendar_id is empty for a policy that runs around the clock; it is checked by the
-- application under a lock on the calendar row, since sharded deployments have no cross-table
-- foreign keys. Targets and pause conditions are compact text (storage/sla_catalog_codec.h).
CREATE TABLE sla_policies (
  id VARCHAR(63) NOT NULL,
  version BIGINT NOT NULL,
  display_name VARCHAR(128) NOT NULL,
  description VARCHAR(1024) NOT NULL,
  calendar_id VARCHAR(63) NOT NULL,
  applies_to VARCHAR(2000) NOT NULL,
  evaluation_order INT NOT NULL,
  targets TEXT NOT NULL,
  pause_conditions VARCHAR(64) NOT NULL,
  create_time DATETIME(6) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  CONSTRAINT pk_sla_policies PRIMARY KEY (id),
  CONSTRAINT uk_sla_policies_evaluation_order UNIQUE (evaluation_order),
  INDEX idx_sla_policies_calendar_id (calendar_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
