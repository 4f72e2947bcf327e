-- The SLA clocks of each interaction as last evaluated, so that reports read outcomes instead of
-- evaluating clocks, and the breach scan finds the clocks falling due through one index.
CREATE TABLE interaction_sla (
  interaction_id CHAR(26) NOT NULL,
  sla_policy_id VARCHAR(63) NOT NULL,
  response_outcome VARCHAR(16) NOT NULL,
  resolution_outcome VARCHAR(16) NOT NULL,
  response_breach_time DATETIME(6) NULL,
  resolution_breach_time DATETIME(6) NULL,
  next_check_time DATETIME(6) NULL,
  CONSTRAINT pk_interaction_sla PRIMARY KEY (interaction_id),
  INDEX idx_interaction_sla_next_check_time (next_check_time),
  INDEX idx_interaction_sla_policy (sla_policy_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
