-- Scheduling: priorities, deferred starts, batch sessions, allocated cores, and keypair resource policies.
ALTER TABLE sessions ADD COLUMN priority INTEGER NOT NULL DEFAULT 10;
ALTER TABLE sessions ADD COLUMN starts_at TEXT;
ALTER TABLE sessions ADD COLUMN startup_command TEXT;
ALTER TABLE sessions ADD COLUMN batch_timeout INTEGER;
ALTER TABLE sessions ADD COLUMN status_data TEXT;
ALTER TABLE sessions ADD COLUMN cores TEXT;
ALTER TABLE sessions ADD COLUMN resource_opts TEXT NOT NULL DEFAULT '{}';

CREATE TABLE keypair_resource_policies (
    name                     TEXT PRIMARY KEY,
    max_concurrent_sessions  INTEGER NOT NULL DEFAULT 0,
    total_resource_slots     TEXT NOT NULL DEFAULT '{}',
    idle_timeout             INTEGER NOT NULL DEFAULT 1800,
    max_session_lifetime     INTEGER NOT NULL DEFAULT 0,
    created_at               TEXT NOT NULL
);
INSERT INTO keypair_resource_policies (name, created_at) VALUES ('default', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
ALTER TABLE keypairs ADD COLUMN resource_policy TEXT NOT NULL DEFAULT 'default';
