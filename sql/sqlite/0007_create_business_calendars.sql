-- Business calendars: the hours SLA clocks run in. Weekly hours and holidays are read and written
-- whole, so they are kept as compact text (storage/sla_catalog_codec.h) rather than child rows.
CREATE TABLE business_calendars (
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  display_name TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  weekly_hours TEXT NOT NULL,
  holidays TEXT NOT NULL,
  create_time TEXT NOT NULL,
  update_time TEXT NOT NULL,
  CONSTRAINT pk_business_calendars PRIMARY KEY (id)
);
