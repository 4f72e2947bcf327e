-- The SLA clocks of each interaction as last evaluated, so that reports read outcomes instead of
-- evaluating clocks, and the breach scan finds the clocks falling due through one index.
CREATE TABLE interaction_sla (
  interaction_id TEXT NOT NULL,
  sla_policy_id TEXT NOT NULL,
  response_outcome TEXT NOT NULL,
  resolution_outcome TEXT NOT NULL,
  response_breach_time TEXT NULL,
  resolution_breach_time TEXT NULL,
  next_check_time TEXT NULL,
  CONSTRAINT pk_interaction_sla PRIMARY KEY (interaction_id)
);
CREATE INDEX idx_interaction_sla_next_check_time ON interaction_sla (next_check_time);
CREATE INDEX idx_interaction_sla_policy ON interaction_sla (sla_policy_id);
