-- What each interaction last contributed to the KPI rollups: its rollup cell and the encoded
-- contribution, taken out again when the interaction changes. contact_id, service and the times
-- find the earlier interactions whose first-contact-resolution repeat a new contact decides.
CREATE TABLE kpi_facts (
  interaction_id TEXT NOT NULL,
  contact_id TEXT NULL,
  service TEXT NOT NULL,
  receive_time TEXT NOT NULL,
  resolve_time TEXT NULL,
  next_contact_time TEXT NULL,
  hour_start TEXT NOT NULL,
  channel TEXT NOT NULL,
  type TEXT NOT NULL,
  priority TEXT NOT NULL,
  tier INTEGER NOT NULL,
  department TEXT NOT NULL,
  queue TEXT NOT NULL,
  contribution TEXT NOT NULL,
  CONSTRAINT pk_kpi_facts PRIMARY KEY (interaction_id)
);
CREATE INDEX idx_kpi_facts_contact_service ON kpi_facts (contact_id, service, receive_time);
