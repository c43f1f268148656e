-- Audio chunks are stored as they are: PostgreSQL's default (pglz) tried to compress every 512 kB chunk before
-- storing it, which for PCM audio costs about as much as the write itself and saves nothing (it gives up below 25 %),
-- and compressed formats (MP3, AAC, Opus, FLAC) do not compress further. Rows written earlier stay as they are.
ALTER TABLE audio_asset_chunk ALTER COLUMN data SET STORAGE EXTERNAL;
