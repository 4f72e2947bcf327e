-- Records created per UTC day in each downstream system, the denominators of the desk's share.
-- utc_day is "YYYY-MM-DD" text, which sorts by date in both dialects.
CREATE TABLE downstream_totals (
  system_name VARCHAR(64) NOT NULL,
  utc_day CHAR(10) NOT NULL,
  incident_count BIGINT NOT NULL,
  change_count BIGINT NOT NULL,
  update_time DATETIME(6) NOT NULL,
  CONSTRAINT pk_downstream_totals PRIMARY KEY (system_name, utc_day),
  INDEX idx_downstream_totals_utc_day (utc_day)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
