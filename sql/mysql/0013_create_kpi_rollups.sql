-- KPI rollups: per cube, UTC hour and combination of dimension values, the encoded KPI
-- accumulator of the interactions received in that hour. Cube 0 leaves service, department and
-- queue empty; cube 1 keeps every dimension.
CREATE TABLE kpi_rollups (
  cube TINYINT NOT NULL,
  hour_start DATETIME(6) NOT NULL,
  channel VARCHAR(16) NOT NULL,
  type VARCHAR(32) NOT NULL,
  priority VARCHAR(16) NOT NULL,
  tier INT NOT NULL,
  service VARCHAR(128) NOT NULL,
  department VARCHAR(128) NOT NULL,
  queue VARCHAR(128) NOT NULL,
  accumulator MEDIUMTEXT NOT NULL,
  CONSTRAINT pk_kpi_rollups PRIMARY KEY (cube, hour_start, channel, type, priority, tier, service,
                                         department, queue)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
-- How far the change log has been projected into SLA states, facts and rollups. Its one row is
-- locked by the replica projecting, which keeps projection single-file across replicas.
CREATE TABLE kpi_projection (
  id INT NOT NULL,
  last_seq BIGINT NOT NULL,
  CONSTRAINT pk_kpi_projection PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
INSERT INTO kpi_projection (id, last_seq) VALUES (1, 0);
