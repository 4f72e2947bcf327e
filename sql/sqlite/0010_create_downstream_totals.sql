-- Records created per UTC day in each downstream system, the denominators of the desk's share.
-- utc_day is "YYYY-MM-DD" text, which sorts by date in both dialects.
CREATE TABLE downstream_totals (
  system_name TEXT NOT NULL,
  utc_day TEXT NOT NULL,
  incident_count INTEGER NOT NULL,
  change_count INTEGER NOT NULL,
  update_time TEXT NOT NULL,
  CONSTRAINT pk_downstream_totals PRIMARY KEY (system_name, utc_day)
);
CREATE INDEX idx_downstream_totals_utc_day ON downstream_totals (utc_day);
