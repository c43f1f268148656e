package com.voxclone.engine.offline.control;

import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.entity.EngineException;
import com.voxclone.engine.offline.entity.ProsodyTargets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.function.Supplier;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import marytts.LocalMaryInterface;
import marytts.MaryInterface;

/**
 * The MaryTTS HSMM base voice. MaryTTS keeps global state (one runtime per JVM, effect parameters stored on the
 * shared voice), so it starts once and synthesis is serialised. Its class-path lookups use the thread context class
 * loader, which is pinned to this module's loader while MaryTTS runs (inside an application server it would
 * otherwise see the server's loader).
 */
public final class MaryTtsVoice {

    private static final String MARYXML_NAMESPACE = "http://mary.dfki.de/2002/MaryXML";

    /** MaryTTS's state is per JVM (the effect parameters live on the shared voice), so one lock for all instances. */
    private static final Object MARY_LOCK = new Object();

    private final String voiceName;
    private volatile MaryInterface mary;

    public MaryTtsVoice(String voiceName) {
        this.voiceName = voiceName;
    }

    /** Starts MaryTTS once; later calls return at once. */
    public void start() {
        if (mary != null) {
            return;
        }
        synchronized (MARY_LOCK) {
            if (mary == null) {
                mary = withOwnClassLoader(this::createInterface);
            }
        }
    }

    private MaryInterface createInterface() {
        try {
            QuietLogging.apply();
            MaryInterface created = new LocalMaryInterface();
            if (!created.getAvailableVoices().contains(voiceName)) {
                throw new EngineException("The offline voice '" + voiceName + "' is not installed; available voices: "
                        + created.getAvailableVoices(), false);
            }
            created.setLocale(Locale.US);
            created.setVoice(voiceName);
            created.setInputType("RAWMARYXML");
            return created;
        } catch (EngineException e) {
            throw e;
        } catch (Exception e) {
            throw new EngineException("The offline speech synthesiser could not start: " + e.getMessage(), true, e);
        }
    }

    /**
     * Speaks one piece of text with the prosody targets applied inside the HMM synthesis, where changing the pitch
     * and durations leaves the spectral envelope (the formants) untouched. Pitch goes through MaryTTS's HMM effects;
     * tempo through a MaryXML prosody rate, because this voice takes its phone durations from its acoustic model, which
     * the duration effect does not reach.
     */
    public PcmAudio synthesize(String text, ProsodyTargets prosody) {
        start();
        synchronized (MARY_LOCK) {
            return withOwnClassLoader(() -> {
                try {
                    mary.setAudioEffects(effects(prosody));
                    try (AudioInputStream audio = mary.generateAudio(maryXml(text, prosody.durationScale()))) {
                        return toPcm(audio);
                    }
                } catch (Exception e) {
                    throw new EngineException("The offline speech synthesiser failed on the text: " + e.getMessage(), false, e);
                }
            });
        }
    }

    /** MaryTTS effect string: F0Add shifts the mean in Hz, F0Scale scales excursions around it. */
    static String effects(ProsodyTargets p) {
        return String.format(Locale.ROOT, "F0Add(f0Add=%.2f;)+F0Scale(f0Scale=%.4f;)",
                clamp(p.f0AddHz(), -300, 300), clamp(p.f0Scale(), 0, 3));
    }

    /**
     * The text inside a MaryXML prosody element. MaryTTS reads rate "+x%" as phone durations shortened by x % and
     * "-x%" as lengthened by x %.
     */
    static Document maryXml(String text, double durationScale) throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().newDocument();
        Element root = doc.createElementNS(MARYXML_NAMESPACE, "maryxml");
        root.setAttribute("version", "0.5");
        root.setAttributeNS("http://www.w3.org/XML/1998/namespace", "xml:lang", "en-US");
        doc.appendChild(root);
        Element prosody = doc.createElementNS(MARYXML_NAMESPACE, "prosody");
        double scale = clamp(durationScale, 0.3, 3);
        double percent = Math.abs(scale - 1) * 100;
        prosody.setAttribute("rate", String.format(Locale.ROOT, "%s%.1f%%", scale <= 1 ? "+" : "-", percent));
        prosody.appendChild(doc.createTextNode(text));
        root.appendChild(prosody);
        return doc;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static PcmAudio toPcm(AudioInputStream audio) throws IOException {
        AudioFormat format = audio.getFormat();
        if (format.getSampleSizeInBits() != 16 || format.getChannels() != 1
                || format.getEncoding() != AudioFormat.Encoding.PCM_SIGNED) {
            throw new IOException("unexpected synthesiser output format " + format);
        }
        byte[] bytes = readAll(audio);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(format.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        float[] samples = new float[bytes.length / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = buffer.getShort() / 32768f;
        }
        return new PcmAudio(samples, Math.round(format.getSampleRate()));
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    private <T> T withOwnClassLoader(Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(MaryTtsVoice.class.getClassLoader());
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
