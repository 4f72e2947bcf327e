-- Business calendars: the hours SLA clocks run in. Weekly hours and holidays are read and written
-- whole, so they are kept as compact text (storage/sla_catalog_codec.h) rather than child rows.
CREATE TABLE business_calendars (
  id VARCHAR(63) NOT NULL,
  version BIGINT NOT NULL,
  display_name VARCHAR(128) NOT NULL,
  time_zone VARCHAR(64) NOT NULL,
  weekly_hours TEXT NOT NULL,
  holidays MEDIUMTEXT NOT NULL,
  create_time DATETIME(6) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  CONSTRAINT pk_business_calendars PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
