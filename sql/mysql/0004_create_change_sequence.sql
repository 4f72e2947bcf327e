-- One row whose counter hands out change-log sequence numbers. Incrementing it locks the row until
-- commit, so sequence numbers become visible in the order they were assigned.
CREATE TABLE change_sequence (
  id INT NOT NULL,
  last_seq BIGINT NOT NULL,
  CONSTRAINT pk_change_sequence PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
INSERT INTO change_sequence (id, last_seq) VALUES (1, 0);
