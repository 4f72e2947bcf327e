-- Immutable KPI settings versions. Durations are microseconds, amounts billionths of
-- currency_code (empty: no costs), enums the API's numbers. Version 1 holds the documented
-- defaults, so that kpiSettings/latest always exists; migrations run once in a transaction.
CREATE TABLE kpi_settings (
  version INTEGER NOT NULL,
  description TEXT NOT NULL,
  service_level_variant INTEGER NOT NULL,
  service_level_threshold_us INTEGER NOT NULL,
  short_abandon_threshold_us INTEGER NOT NULL,
  fcr_method INTEGER NOT NULL,
  fcr_repeat_window_us INTEGER NOT NULL,
  csat_min_satisfied_score INTEGER NOT NULL,
  currency_code TEXT NOT NULL,
  tier_costs TEXT NOT NULL,
  desk_cost_per_contact INTEGER NOT NULL,
  create_time TEXT NOT NULL,
  CONSTRAINT pk_kpi_settings PRIMARY KEY (version)
);
INSERT INTO kpi_settings (version, description, service_level_variant,
  service_level_threshold_us, short_abandon_threshold_us, fcr_method, fcr_repeat_window_us,
  csat_min_satisfied_score, currency_code, tier_costs, desk_cost_per_contact, create_time)
VALUES (1, 'Defaults of a new installation', 3, 30000000, 5000000, 2, 259200000000, 4, '', '', 0,
  strftime('%Y-%m-%d %H:%M:%S', 'now') || '.000000');
