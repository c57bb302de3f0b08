-- Sessions, their append-only event log and the keypairs that may sign requests.
CREATE TABLE keypairs (
    access_key  TEXT PRIMARY KEY,
    secret_key  TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    is_admin    INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL
);

CREATE TABLE sessions (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    id              TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    access_key      TEXT NOT NULL,
    image           TEXT NOT NULL,
    runtime         TEXT NOT NULL,
    type            TEXT NOT NULL,
    domain_name     TEXT NOT NULL,
    group_name      TEXT NOT NULL,
    tag             TEXT,
    status          TEXT NOT NULL,
    status_info     TEXT,
    status_changed  TEXT NOT NULL,
    status_history  TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    terminated_at   TEXT,
    result          TEXT NOT NULL DEFAULT 'UNDEFINED',
    exit_code       INTEGER,
    resources       TEXT NOT NULL,
    environ         TEXT NOT NULL,
    request         TEXT NOT NULL,
    uid             INTEGER,
    pid             INTEGER,
    workdir         TEXT,
    num_queries     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sessions_by_owner_name ON sessions (access_key, name);
CREATE INDEX sessions_by_status ON sessions (status, status_changed);

CREATE TABLE events (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    name          TEXT NOT NULL,
    session_id    TEXT NOT NULL,
    session_name  TEXT NOT NULL,
    access_key    TEXT NOT NULL,
    kernel_id     TEXT,
    reason        TEXT,
    exit_code     INTEGER,
    created_at    TEXT NOT NULL
);
CREATE INDEX events_by_session ON events (session_id, id);
