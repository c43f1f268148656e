package com.voxclone.audio.entity;

import java.util.Objects;

/**
 * A normalised voice reference and what normalisation did to it.
 *
 * @param audio                   24 kHz mono reference
 * @param trimmedLeadingSeconds   silence removed at the start
 * @param trimmedTrailingSeconds  silence removed at the end
 * @param inputLoudnessLufs       integrated loudness before the gain (ITU-R BS.1770, gated)
 * @param gainDb                  gain applied to reach the target (lowered when the peak ceiling required it)
 * @param outputLoudnessLufs      integrated loudness of the result
 * @param peakDbfs                sample peak of the result
 */
public record NormalizedAudio(PcmAudio audio, double trimmedLeadingSeconds, double trimmedTrailingSeconds,
                              double inputLoudnessLufs, double gainDb, double outputLoudnessLufs, double peakDbfs) {

    public NormalizedAudio {
        Objects.requireNonNull(audio, "audio");
    }
}
