package com.voxclone.engine.offline.control;

import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.engine.boundary.EngineException;
import com.voxclone.engine.offline.entity.ProsodyTargets;
import java.io.ByteArrayOutputStream;
import java.util.Locale;
import javax.sound.sampled.AudioInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import marytts.LocalMaryInterface;
import marytts.MaryInterface;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The MaryTTS HSMM base voice (female US English {@code cmu-slt-hsmm}). MaryTTS keeps global state (one runtime per JVM,
 * effect parameters stored on the shared voice), so all instances share one lock.
 */
public final class MaryTtsVoice extends LockedBaseVoice<MaryInterface> {

    private static final String MARYXML_NAMESPACE = "http://mary.dfki.de/2002/MaryXML";

    /** MaryTTS's state is per JVM (the effect parameters live on the shared voice), so one lock for all instances. */
    private static final Object MARY_LOCK = new Object();

    private final String voiceName;

    public MaryTtsVoice(String voiceName) {
        super(MARY_LOCK);
        this.voiceName = voiceName;
    }

    @Override
    public String name() {
        return voiceName;
    }

    @Override
    public String description() {
        return "MaryTTS 5.2.1 " + voiceName;
    }

    @Override
    protected MaryInterface open() throws Exception {
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
    }

    /**
     * Speaks one piece of text with the prosody targets applied inside the HMM synthesis, where changing the pitch
     * and durations leaves the spectral envelope (the formants) untouched. Pitch goes through MaryTTS's HMM effects;
     * tempo through a MaryXML prosody rate, because this voice takes its phone durations from its acoustic model, which
     * the duration effect does not reach.
     */
    @Override
    protected PcmAudio speak(MaryInterface mary, String text, ProsodyTargets prosody) throws Exception {
        mary.setAudioEffects(effects(prosody));
        try (AudioInputStream audio = mary.generateAudio(maryXml(text, prosody.durationScale()))) {
            // Not readAllBytes: on MaryTTS's audio stream it returns only the first 8 KB.
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            audio.transferTo(bytes);
            return pcm16(bytes.toByteArray(), audio.getFormat());
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
}
