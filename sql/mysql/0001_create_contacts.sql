-- End users of IT services, one row per directory identity.
CREATE TABLE contacts (
  id CHAR(26) NOT NULL,
  version BIGINT NOT NULL,
  external_reference VARCHAR(128) NOT NULL,
  display_name VARCHAR(256) NOT NULL,
  email VARCHAR(320) NOT NULL,
  phone VARCHAR(64) NOT NULL,
  department VARCHAR(128) NOT NULL,
  vip TINYINT NOT NULL,
  search_key VARCHAR(600) NOT NULL,
  create_time DATETIME(6) NOT NULL,
  update_time DATETIME(6) NOT NULL,
  CONSTRAINT pk_contacts PRIMARY KEY (id),
  CONSTRAINT uk_contacts_external_reference UNIQUE (external_reference)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
