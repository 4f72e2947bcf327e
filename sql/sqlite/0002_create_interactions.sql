-- The current state of every interaction. knowledge_articles and downstream_links hold small
-- encoded lists so that one row is the whole interaction and a revision copies it whole.
CREATE TABLE interactions (
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  channel TEXT NOT NULL,
  direction TEXT NOT NULL,
  channel_key TEXT NULL,
  contact_id TEXT NULL,
  department TEXT NOT NULL,
  type TEXT NOT NULL,
  initial_type TEXT NOT NULL,
  service TEXT NOT NULL,
  category TEXT NOT NULL,
  impact TEXT NOT NULL,
  urgency TEXT NOT NULL,
  priority TEXT NOT NULL,
  subject TEXT NOT NULL,
  description TEXT NOT NULL,
  state TEXT NOT NULL,
  hold_reason TEXT NOT NULL,
  queue TEXT NOT NULL,
  agent TEXT NOT NULL,
  tier INTEGER NOT NULL,
  receive_time TEXT NOT NULL,
  queue_time TEXT NULL,
  first_response_time TEXT NULL,
  resolve_time TEXT NULL,
  close_time TEXT NULL,
  abandon_time TEXT NULL,
  resolution_code TEXT NOT NULL,
  resolution_note TEXT NOT NULL,
  first_contact_resolution INTEGER NOT NULL,
  knowledge_articles TEXT NOT NULL,
  downstream_links TEXT NOT NULL,
  handle_micros INTEGER NOT NULL,
  reopen_count INTEGER NOT NULL,
  communication_count INTEGER NOT NULL,
  satisfaction_score INTEGER NULL,
  satisfaction_comment TEXT NULL,
  satisfaction_time TEXT NULL,
  create_time TEXT NOT NULL,
  update_time TEXT NOT NULL,
  CONSTRAINT pk_interactions PRIMARY KEY (id),
  CONSTRAINT uk_interactions_channel_key UNIQUE (channel, channel_key)
);
CREATE INDEX idx_interactions_receive_time ON interactions (receive_time, id);
CREATE INDEX idx_interactions_update_time ON interactions (update_time, id);
CREATE INDEX idx_interactions_create_time ON interactions (create_time, id);
CREATE INDEX idx_interactions_state_receive_time ON interactions (state, receive_time);
CREATE INDEX idx_interactions_contact_receive_time ON interactions (contact_id, receive_time);
