package com.voxclone.watermark.boundary;

import com.voxclone.audio.boundary.AudioOutput;
import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.audit.boundary.AuditTrail;
import com.voxclone.audit.entity.AuditEvent;
import com.voxclone.platform.entity.RuntimeSetting;
import com.voxclone.signal.boundary.Watermark;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The watermark every synthesised or converted output carries (see {@link Watermark} for how it works): each output
 * gets an id from the database, recorded with the output's audit event, and the audio carries that id. The pattern's
 * key is {@code voxclone.watermark.key} when the deployment sets one, else a random key made once per installation and
 * kept in the database, so that every node of an installation marks and detects alike.
 */
@ApplicationScoped
public class Watermarks {

    static final String KEY_SETTING = "watermark.key";

    /** What a detection found, with the audit event's id space it was matched against. */
    public record Found(Watermark.Detection detection, Optional<Watermark.Identification> identification,
                        double analysedSeconds) {
    }

    @PersistenceContext(unitName = "voxclone")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "voxclone.watermark.key")
    Optional<String> configuredKey;

    @Inject
    @ConfigProperty(name = "voxclone.watermark.strength-db", defaultValue = "2")
    double strengthDb;

    @Inject
    @ConfigProperty(name = "voxclone.watermark.detection-threshold", defaultValue = "4.5")
    double threshold;

    @Inject
    AuditTrail audit;

    private volatile Watermark watermark;

    /** The score from which a detection counts as watermarked ({@code voxclone.watermark.detection-threshold}). */
    public double threshold() {
        return threshold;
    }

    /** Records {@code output}, the audit event of one output, with a new watermark id, and returns that id. */
    public long record(AuditEvent output) {
        long id = ((Number) em.createNativeQuery("SELECT nextval('watermark_id_seq')").getSingleResult()).longValue();
        audit.record(output.watermarked(id));
        return id;
    }

    /** Records {@code output} (see {@link #record}) and returns {@code audio}, the whole output, carrying its id. */
    public PcmAudio markRecorded(PcmAudio audio, AuditEvent output) {
        return mark(audio, record(output));
    }

    /** The highest id handed out so far (0 before the first). */
    public long issuedUpTo() {
        return ((Number) em.createNativeQuery("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM watermark_id_seq")
                .getSingleResult()).longValue();
    }

    /** {@code audio} as a whole output carrying {@code id}. */
    public PcmAudio mark(PcmAudio audio, long id) {
        return new PcmAudio(watermark().embed(audio.samples(), audio.sampleRate(), 0, id), audio.sampleRate());
    }

    /** {@code out}, its audio marked with {@code id} as it is written: one continuous pattern over all writes. */
    public AudioOutput marking(AudioOutput out, long id) {
        Watermark w = watermark();
        return new AudioOutput() {
            private long written;

            @Override
            public void write(PcmAudio audio) throws IOException {
                float[] marked = w.embed(audio.samples(), audio.sampleRate(), written, id);
                written += marked.length;
                out.write(new PcmAudio(marked, audio.sampleRate()));
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }

    /** Looks for the watermark in {@code audio} (mono at {@value Watermark#DETECTION_RATE} Hz) and its id. */
    public Found detect(PcmAudio audio) {
        if (audio.sampleRate() != Watermark.DETECTION_RATE) {
            throw new IllegalArgumentException("detection needs " + Watermark.DETECTION_RATE + " Hz audio, was " + audio.sampleRate());
        }
        Watermark w = watermark();
        Watermark.Detection detection = w.detect(audio.samples(), threshold);
        // Only a watermarked clip is worth matching against the issued ids (which takes a database query).
        Optional<Watermark.Identification> id = detection.watermarked() ? w.identify(detection, issuedUpTo()) : Optional.empty();
        return new Found(detection, id, audio.durationSeconds());
    }

    private Watermark watermark() {
        Watermark w = watermark;
        if (w == null) {
            String key = configuredKey.filter(k -> !k.isBlank()).orElseGet(() -> Optional
                    .ofNullable(em.find(RuntimeSetting.class, KEY_SETTING)).map(RuntimeSetting::getValue)
                    .orElseThrow(() -> new IllegalStateException("The watermark key is missing from the database "
                            + "(setting '" + KEY_SETTING + "'); set voxclone.watermark.key or run the migrations.")));
            w = new Watermark(key, strengthDb);
            watermark = w;
        }
        return w;
    }
}
