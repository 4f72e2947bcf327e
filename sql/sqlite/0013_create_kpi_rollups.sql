-- KPI rollups: per cube, UTC hour and combination of dimension values, the encoded KPI
-- accumulator of the interactions received in that hour. Cube 0 leaves service, department and
-- queue empty; cube 1 keeps every dimension.
CREATE TABLE kpi_rollups (
  cube INTEGER NOT NULL,
  hour_start TEXT NOT NULL,
  channel TEXT NOT NULL,
  type TEXT NOT NULL,
  priority TEXT NOT NULL,
  tier INTEGER NOT NULL,
  service TEXT NOT NULL,
  department TEXT NOT NULL,
  queue TEXT NOT NULL,
  accumulator TEXT NOT NULL,
  CONSTRAINT pk_kpi_rollups PRIMARY KEY (cube, hour_start, channel, type, priority, tier, service,
                                         department, queue)
);
-- How far the change log has been projected into SLA states, facts and rollups. Writing its one
-- row takes the write lock, which keeps projection single-file.
CREATE TABLE kpi_projection (
  id INTEGER NOT NULL,
  last_seq INTEGER NOT NULL,
  CONSTRAINT pk_kpi_projection PRIMARY KEY (id)
);
INSERT INTO kpi_projection (id, last_seq) VALUES (1, 0);
