-- Issue 18 (guard rails, notifications, alert history).

-- Where notifications go. The url and the signing secret are secrets: sealed together with the master key
-- (SecretCipher token of {"url", "secret"}), never stored in the clear.
CREATE TABLE notification_channels (
    id            BIGSERIAL    PRIMARY KEY,
    name          VARCHAR(255) NOT NULL,
    channel_type  VARCHAR(20)  NOT NULL CHECK (channel_type IN ('webhook', 'slack')),
    secret_config TEXT         NOT NULL,
    -- the kinds this channel receives; NULL: every kind
    rules         JSONB,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    version       BIGINT       NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX notification_channels_name_idx ON notification_channels (lower(name));

-- Open and resolved alerts: what went wrong with a task, since when, what to do.
CREATE TABLE alerts (
    id          BIGSERIAL    PRIMARY KEY,
    task_id     BIGINT       NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    kind        VARCHAR(40)  NOT NULL,
    message     TEXT         NOT NULL,
    action      TEXT         NOT NULL,
    since       TIMESTAMPTZ  NOT NULL,
    resolved_at TIMESTAMPTZ,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
-- At most one open alert per task and kind: a condition that persists (or recurs while open) adds nothing.
CREATE UNIQUE INDEX alerts_open_idx ON alerts (task_id, kind) WHERE resolved_at IS NULL;
CREATE INDEX alerts_task_idx ON alerts (task_id, id DESC);

-- One row per (alert event, channel): the body sent is fixed when the event happens, so retries send the
-- same bytes, and the key makes each event reach each channel at most once.
CREATE TABLE notification_deliveries (
    id              BIGSERIAL    PRIMARY KEY,
    alert_id        BIGINT       NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    event           VARCHAR(20)  NOT NULL CHECK (event IN ('opened', 'resolved')),
    channel_id      BIGINT       NOT NULL REFERENCES notification_channels (id) ON DELETE CASCADE,
    kind            VARCHAR(40)  NOT NULL,
    payload         TEXT         NOT NULL,
    status          VARCHAR(20)  NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        INTEGER      NOT NULL DEFAULT 0,
    last_status     INTEGER,
    last_error      TEXT,
    next_attempt_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    delivered_at    TIMESTAMPTZ,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (alert_id, event, channel_id)
);
CREATE INDEX notification_deliveries_due_idx ON notification_deliveries (next_attempt_at) WHERE status = 'pending';
