-- One row whose counter hands out change-log sequence numbers. Incrementing it locks the row until
-- commit, so sequence numbers become visible in the order they were assigned.
CREATE TABLE change_sequence (
  id INTEGER NOT NULL,
  last_seq INTEGER NOT NULL,
  CONSTRAINT pk_change_sequence PRIMARY KEY (id)
);
INSERT INTO change_sequence (id, last_seq) VALUES (1, 0);
