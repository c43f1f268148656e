package com.voxclone.engine.offline.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.voxclone.engine.offline.entity.ProsodyTargets;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class MaryTtsVoiceTest {

    private static String rate(double durationScale) throws Exception {
        Element prosody = (Element) MaryTtsVoice.maryXml("Hello <world> & you", durationScale).getDocumentElement().getFirstChild();
        return prosody.getAttribute("rate");
    }

    @Test
    void writesTempoAsMaryTtsProsodyRate() throws Exception {
        assertEquals("+20.0%", rate(0.8));
        assertEquals("-25.0%", rate(1.25));
        assertEquals("+0.0%", rate(1.0));
    }

    @Test
    void keepsTheTextAsTextNotMarkup() throws Exception {
        Element prosody = (Element) MaryTtsVoice.maryXml("Hello <world> & you", 1).getDocumentElement().getFirstChild();
        assertEquals("Hello <world> & you", prosody.getTextContent());
        assertEquals("http://mary.dfki.de/2002/MaryXML", prosody.getNamespaceURI());
    }

    @Test
    void writesPitchAsHmmEffects() {
        assertEquals("F0Add(f0Add=-70.50;)+F0Scale(f0Scale=0.7500;)",
                MaryTtsVoice.effects(new ProsodyTargets(-70.5, 0.75, 1)));
    }
}
