-- SLA policies. calendar_id is empty for a policy that runs around the clock; it is checked by the
-- application under a lock on the calendar row, since sharded deployments have no cross-table
-- foreign keys. Targets and pause conditions are compact text (storage/sla_catalog_codec.h).
CREATE TABLE sla_policies (
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  display_name TEXT NOT NULL,
  description TEXT NOT NULL,
  calendar_id TEXT NOT NULL,
  applies_to TEXT NOT NULL,
  evaluation_order INTEGER NOT NULL,
  targets TEXT NOT NULL,
  pause_conditions TEXT NOT NULL,
  create_time TEXT NOT NULL,
  update_time TEXT NOT NULL,
  CONSTRAINT pk_sla_policies PRIMARY KEY (id),
  CONSTRAINT uk_sla_policies_evaluation_order UNIQUE (evaluation_order)
);
CREATE INDEX idx_sla_policies_calendar_id ON sla_policies (calendar_id);
