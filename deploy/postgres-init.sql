-- Run once by the postgres image when its data volume is created: the catalogue's database
-- (POSTGRES_DB creates the tracker store's).
CREATE DATABASE catalogue OWNER kvg;
