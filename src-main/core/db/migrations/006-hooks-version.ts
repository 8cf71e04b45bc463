// hooks_version (owned by notifications/, beside 002-hooks): a random stamp renewed by every write to hooks, so
// notifications/ re-reads the hooks an object change may fire only when it moved. Databases made before this
// migration got it from 003-delivery: it is dropped and made again here (a stamp, nothing in it to keep).
export const hooksVersionSchema = `
DROP TRIGGER IF EXISTS hooks_version_insert;
DROP TRIGGER IF EXISTS hooks_version_update;
DROP TRIGGER IF EXISTS hooks_version_delete;
DROP TABLE IF EXISTS hooks_version;
CREATE TABLE hooks_version (v INTEGER NOT NULL);
INSERT INTO hooks_version (v) VALUES (random());
CREATE TRIGGER hooks_version_insert AFTER INSERT ON hooks BEGIN UPDATE hooks_version SET v = random(); END;
CREATE TRIGGER hooks_version_update AFTER UPDATE ON hooks BEGIN UPDATE hooks_version SET v = random(); END;
CREATE TRIGGER hooks_version_delete AFTER DELETE ON hooks BEGIN UPDATE hooks_version SET v = random(); END;
`;
