package com.voxclone.engine.offline.control;

import com.voxclone.engine.offline.entity.BaseVoiceCalibration;
import com.voxclone.engine.offline.entity.SpeakerProfile;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses the base voice a reference is spoken with: the one nearest to it in pitch and vocal-tract length, since
 * those are what the conversion afterwards has to bridge, and the further it shifts pitch (PSOLA, HMM pitch effects) or
 * formants (resampling, limited to -20 %/+5 %) the more the result sounds processed.
 *
 * <p>Distance = |ln(median F0 of reference / median F0 of base voice)| + |ln(formant ratio)|, the formant ratio being
 * the geometric mean of the F1-F3 ratios (the same measure the vocal-tract scaling uses; the term is 0 when either
 * voice has no measured formants). Both terms are log ratios, so an octave of pitch weighs as much as halving the
 * formants: in practice pitch decides between a male and a female voice (a ratio near 1.7) and the formants (ratios
 * near 1.2) settle references between them. Base voices are the engine's own measurements of them
 * ({@link BaseVoiceCalibration}); on equal distance the first listed wins.
 */
public final class BaseVoiceSelector {

    private BaseVoiceSelector() {
    }

    public static double distance(SpeakerProfile reference, SpeakerProfile baseVoice) {
        return Math.abs(Math.log(reference.f0MedianHz() / baseVoice.f0MedianHz()))
                + Math.abs(Math.log(ProsodyPlanner.formantRatio(reference, baseVoice)));
    }

    /** The calibrated base voice nearest to {@code reference}. */
    public static BaseVoiceCalibration closest(SpeakerProfile reference, List<BaseVoiceCalibration> baseVoices) {
        return baseVoices.stream().min(Comparator.comparingDouble(b -> distance(reference, b.profile())))
                .orElseThrow(() -> new IllegalArgumentException("no base voices to choose from"));
    }
}
