-- Token buckets of the rate limits (Bucket4j's layout): one row per limit and key, its state as the
-- library serialises it, and when it will be full again (then it can be forgotten).
create schema if not exists limits;

create table limits.bucket (
    id         text primary key,
    state      bytea,
    expires_at bigint
);
create index bucket_expires_idx on limits.bucket (expires_at);
