-- The external reference of every imported record and the interaction it became, so that an
-- import run again, resumed or racing another creates each interaction once.
CREATE TABLE interaction_imports (
  external_reference TEXT NOT NULL,
  interaction_id TEXT NOT NULL,
  import_time TEXT NOT NULL,
  CONSTRAINT pk_interaction_imports PRIMARY KEY (external_reference)
);
