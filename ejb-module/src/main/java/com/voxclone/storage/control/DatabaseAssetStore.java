package com.voxclone.storage.control;

import com.voxclone.platform.boundary.Platform;
import com.voxclone.storage.boundary.AssetStore;
import com.voxclone.storage.boundary.StorageException;
import com.voxclone.storage.entity.AssetKind;
import com.voxclone.storage.entity.AudioFacts;
import com.voxclone.storage.entity.StoredAsset;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Assets in PostgreSQL, in chunks of {@value #CHUNK_SIZE} bytes, so every node reads what any node wrote and a
 * file is streamed chunk by chunk both ways. Uses the container's data source, so it joins the caller's
 * transaction.
 */
@ApplicationScoped
public class DatabaseAssetStore implements AssetStore {

    static final int CHUNK_SIZE = 512 * 1024;

    @Resource(lookup = Platform.DATA_SOURCE)
    DataSource dataSource;

    public DatabaseAssetStore() {
    }

    public DatabaseAssetStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public StoredAsset store(UUID ownerId, AssetKind kind, String contentType, InputStream data, AudioFacts facts) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO audio_asset (id, owner_id, kind, content_type, size_bytes, sha256, duration_ms, sample_rate, created_at) "
                            + "VALUES (?, ?, ?, ?, 0, '', ?, ?, ?)")) {
                insert.setObject(1, id);
                insert.setObject(2, ownerId);
                insert.setString(3, kind.value());
                insert.setString(4, contentType);
                setNullable(insert, 5, facts.durationMs(), Types.BIGINT);
                setNullable(insert, 6, facts.sampleRate(), Types.INTEGER);
                insert.setObject(7, now);
                insert.executeUpdate();
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long size = 0;
            try (DigestInputStream in = new DigestInputStream(data, sha);
                 PreparedStatement chunk = c.prepareStatement("INSERT INTO audio_asset_chunk (asset_id, seq, data) VALUES (?, ?, ?)")) {
                byte[] buffer = new byte[CHUNK_SIZE];
                int seq = 0;
                int n;
                while ((n = in.readNBytes(buffer, 0, CHUNK_SIZE)) > 0) {
                    chunk.setObject(1, id);
                    chunk.setInt(2, seq++);
                    chunk.setBytes(3, n == CHUNK_SIZE ? buffer : Arrays.copyOf(buffer, n));
                    chunk.executeUpdate();
                    size += n;
                }
            }
            String hash = HexFormat.of().formatHex(sha.digest());
            try (PreparedStatement update = c.prepareStatement("UPDATE audio_asset SET size_bytes = ?, sha256 = ? WHERE id = ?")) {
                update.setLong(1, size);
                update.setString(2, hash);
                update.setObject(3, id);
                update.executeUpdate();
            }
            return new StoredAsset(id, ownerId, kind, contentType, size, hash, facts.durationMs(), facts.sampleRate(), now);
        } catch (SQLException e) {
            throw new StorageException("could not store the " + kind.value() + " file", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the " + kind.value() + " file while storing it", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Optional<StoredAsset> find(UUID id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement(
                     "SELECT owner_id, kind, content_type, size_bytes, sha256, duration_ms, sample_rate, created_at FROM audio_asset WHERE id = ?")) {
            q.setObject(1, id);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredAsset(id, rs.getObject(1, UUID.class), AssetKind.of(rs.getString(2)),
                        rs.getString(3), rs.getLong(4), rs.getString(5), rs.getObject(6, Long.class),
                        rs.getObject(7, Integer.class), rs.getObject(8, OffsetDateTime.class)));
            }
        } catch (SQLException e) {
            throw new StorageException("could not read audio file " + id, e);
        }
    }

    @Override
    public InputStream open(UUID id) {
        return new ChunkStream(id);
    }

    @Override
    public long bytesOwnedBy(UUID ownerId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT COALESCE(SUM(size_bytes), 0) FROM audio_asset WHERE owner_id = ?")) {
            q.setObject(1, ownerId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StorageException("could not measure the stored audio of user " + ownerId, e);
        }
    }

    @Override
    public void delete(UUID id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement d = c.prepareStatement("DELETE FROM audio_asset WHERE id = ?")) {
            d.setObject(1, id);
            d.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("could not delete audio file " + id, e);
        }
    }

    private static void setNullable(PreparedStatement s, int index, Object value, int sqlType) throws SQLException {
        if (value == null) {
            s.setNull(index, sqlType);
        } else {
            s.setObject(index, value);
        }
    }

    /** Reads one chunk at a time, each with a short-lived connection. */
    private final class ChunkStream extends InputStream {
        private final UUID id;
        private int nextSeq;
        private byte[] current = new byte[0];
        private int pos;
        private boolean end;

        ChunkStream(UUID id) {
            this.id = id;
        }

        @Override
        public int read() throws IOException {
            if (!fill()) {
                return -1;
            }
            return current[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }

        private boolean fill() throws IOException {
            while (pos >= current.length) {
                if (end) {
                    return false;
                }
                try (Connection c = dataSource.getConnection();
                     PreparedStatement q = c.prepareStatement("SELECT data FROM audio_asset_chunk WHERE asset_id = ? AND seq = ?")) {
                    q.setObject(1, id);
                    q.setInt(2, nextSeq);
                    try (ResultSet rs = q.executeQuery()) {
                        if (rs.next()) {
                            current = rs.getBytes(1);
                            pos = 0;
                            nextSeq++;
                        } else {
                            end = true;
                        }
                    }
                } catch (SQLException e) {
                    throw new IOException("could not read audio file " + id, e);
                }
            }
            return true;
        }
    }
}
