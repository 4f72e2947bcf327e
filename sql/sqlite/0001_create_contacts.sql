-- End users of IT services, one row per directory identity.
CREATE TABLE contacts (
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  external_reference TEXT NOT NULL,
  display_name TEXT NOT NULL,
  email TEXT NOT NULL,
  phone TEXT NOT NULL,
  department TEXT NOT NULL,
  vip INTEGER NOT NULL,
  search_key TEXT NOT NULL,
  create_time TEXT NOT NULL,
  update_time TEXT NOT NULL,
  CONSTRAINT pk_contacts PRIMARY KEY (id),
  CONSTRAINT uk_contacts_external_reference UNIQUE (external_reference)
);
