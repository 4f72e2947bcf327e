-- What each interaction last contributed to the KPI rollups: its rollup cell and the encoded
-- contribution, taken out again when the interaction changes. contact_id, service and the times
-- find the earlier interactions whose first-contact-resolution repeat a new contact decides.
CREATE TABLE kpi_facts (
  interaction_id CHAR(26) NOT NULL,
  contact_id CHAR(26) NULL,
  service VARCHAR(128) NOT NULL,
  receive_time DATETIME(6) NOT NULL,
  resolve_time DATETIME(6) NULL,
  next_contact_time DATETIME(6) NULL,
  hour_start DATETIME(6) NOT NULL,
  channel VARCHAR(16) NOT NULL,
  type VARCHAR(32) NOT NULL,
  priority VARCHAR(16) NOT NULL,
  tier INT NOT NULL,
  department VARCHAR(128) NOT NULL,
  queue VARCHAR(128) NOT NULL,
  contribution TEXT NOT NULL,
  CONSTRAINT pk_kpi_facts PRIMARY KEY (interaction_id),
  INDEX idx_kpi_facts_contact_service (contact_id, service, receive_time)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
