-- The external reference of every imported record and the interaction it became, so that an
-- import run again, resumed or racing another creates each interaction once.
CREATE TABLE interaction_imports (
  external_reference VARCHAR(256) NOT NULL,
  interaction_id CHAR(26) NOT NULL,
  import_time DATETIME(6) NOT NULL,
  CONSTRAINT pk_interaction_imports PRIMARY KEY (external_reference)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
