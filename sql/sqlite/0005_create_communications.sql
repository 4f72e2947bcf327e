-- The conversation of each interaction.
CREATE TABLE communications (
  id TEXT NOT NULL,
  interaction_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  direction TEXT NOT NULL,
  author_kind TEXT NOT NULL,
  author TEXT NOT NULL,
  channel TEXT NOT NULL,
  body TEXT NOT NULL,
  occur_time TEXT NOT NULL,
  duration_micros INTEGER NOT NULL,
  CONSTRAINT pk_communications PRIMARY KEY (id),
  CONSTRAINT uk_communications_interaction_revision UNIQUE (interaction_id, revision)
);
CREATE INDEX idx_communications_interaction_occur_time ON communications (interaction_id, occur_time, revision);
