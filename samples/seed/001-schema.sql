-- The demo schema on Nessie's main branch.
CREATE SCHEMA IF NOT EXISTS lake.demo;
