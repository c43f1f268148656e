package com.voxclone.engine.offline.control;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/** MaryTTS logs every module start and every request at INFO; only its warnings are of interest to operators. */
final class QuietLogging {

    private QuietLogging() {
    }

    static void apply() {
        Configurator.setLevel("marytts", Level.WARN);
        Configurator.setLevel("de.dfki", Level.WARN);
    }
}
