-- Settings administrators change while the product runs; each takes precedence over the deployment's configuration
-- of the same name until it is removed again. Today: the consent policy.
CREATE TABLE runtime_setting (
    name       VARCHAR(64)  PRIMARY KEY,
    value      VARCHAR(200) NOT NULL,
    updated_by UUID,
    updated_at TIMESTAMPTZ  NOT NULL
);
