-- Immutable KPI settings versions. Durations are microseconds, amounts billionths of
-- currency_code (empty: no costs), enums the API's numbers. Version 1 holds the documented
-- defaults, so that kpiSettings/latest always exists; migrations run once under a named lock.
CREATE TABLE kpi_settings (
  version BIGINT NOT NULL,
  description VARCHAR(1024) NOT NULL,
  service_level_variant INT NOT NULL,
  service_level_threshold_us BIGINT NOT NULL,
  short_abandon_threshold_us BIGINT NOT NULL,
  fcr_method INT NOT NULL,
  fcr_repeat_window_us BIGINT NOT NULL,
  csat_min_satisfied_score INT NOT NULL,
  currency_code VARCHAR(3) NOT NULL,
  tier_costs VARCHAR(255) NOT NULL,
  desk_cost_per_contact BIGINT NOT NULL,
  create_time DATETIME(6) NOT NULL,
  CONSTRAINT pk_kpi_settings PRIMARY KEY (version)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
INSERT INTO kpi_settings (version, description, service_level_variant,
  service_level_threshold_us, short_abandon_threshold_us, fcr_method, fcr_repeat_window_us,
  csat_min_satisfied_score, currency_code, tier_costs, desk_cost_per_contact, create_time)
VALUES (1, 'Defaults of a new installation', 3, 30000000, 5000000, 2, 259200000000, 4, '', '', 0,
  UTC_TIMESTAMP(6));
