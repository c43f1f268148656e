package com.voxclone.signal.boundary;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * A keyed watermark for speech, meant to be inaudible: a spread-spectrum pattern of small gain changes (± the strength
 * in dB) on time-frequency tiles of 24 ms and one of {@value #BANDS} mel-spaced bands between 300 Hz and 6.8 kHz.
 * The change is a gain on the speech itself, so it is masked by the speech and absent where there is none; it lives in
 * the spectral envelope below 7 kHz, so it survives lossy codecs, resampling to 16 kHz, gain changes and moderate noise. The
 * pattern repeats every {@value #PERIOD_TILES} tiles (0.768 s), so a stretch of a few seconds is found again without
 * knowing where it was cut from.
 *
 * <p>Two thirds of the tiles carry the synchronisation pattern that presence is decided on. The other third carries a
 * 256-bit code word drawn from the key and the output's id; an id is recovered by comparing the soft code bits with the
 * code words of all ids issued so far ({@link #identify}), which needs more audio than presence does.
 *
 * <p>Detection (on {@value #DETECTION_RATE} Hz audio, any level, any start) tries every alignment of the pattern: a tile
 * contrast (log energy against its neighbours in time, then against its neighbours in frequency, so that the speech's
 * own slow changes, any gain and any colouring cancel; weighted by the share of the tile's energy above the band's
 * steady noise) is correlated with the pattern, each band weighted by its contrast variance. The score is that
 * correlation in standard deviations.
 */
public final class Watermark {

    public static final int DETECTION_RATE = 16_000;
    static final double TILE_SECONDS = 0.024;
    static final int PERIOD_TILES = 32;
    static final int BANDS = 28;
    static final double LOWEST_HZ = 300;
    static final double HIGHEST_HZ = 6_800;
    static final int CODE_BITS = 256;
    private static final int CODE_WORDS = CODE_BITS / 64;
    /** Detector analysis: 16 ms Hann frames every 8 ms; a tile is 3 hops. */
    private static final int DETECTION_FRAME = 256;
    private static final int DETECTION_HOP = 128;
    private static final int HOPS_PER_TILE = 3;
    /** Alignments tried: every hop of every tile of a period. */
    static final int ALIGNMENTS = HOPS_PER_TILE * PERIOD_TILES;

    private final long keySeed;
    private final double strengthDb;
    /** Per period tile and band: +1/-1 on synchronisation tiles, 0 on code tiles. */
    private final double[][] sync;
    /** Per period tile and band: +1/-1 on code tiles, 0 on synchronisation tiles. */
    private final double[][] chips;
    /** Per period tile and band: the code bit a code tile carries, -1 on synchronisation tiles. */
    private final int[][] bitOf;
    private final double[] bandEdges;

    /**
     * @param key        the deployment's secret; the pattern and the code words are derived from it
     * @param strengthDb the gain change per tile in dB
     */
    public Watermark(String key, double strengthDb) {
        if (!(strengthDb > 0 && strengthDb <= 6)) {
            throw new IllegalArgumentException("watermark strength must be above 0 and at most 6 dB, was " + strengthDb);
        }
        this.strengthDb = strengthDb;
        this.keySeed = seed(key);
        SplittableRandom random = new SplittableRandom(keySeed);
        sync = new double[PERIOD_TILES][BANDS];
        chips = new double[PERIOD_TILES][BANDS];
        bitOf = new int[PERIOD_TILES][BANDS];
        int tiles = PERIOD_TILES * BANDS;
        int[] order = new int[tiles];
        for (int i = 0; i < tiles; i++) {
            order[i] = i;
        }
        for (int i = tiles - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        // Code tiles: a third of the period, each bit on the same number of tiles, placed at random.
        int codeTiles = tiles / 3 / CODE_BITS * CODE_BITS;
        for (int[] row : bitOf) {
            Arrays.fill(row, -1);
        }
        for (int i = 0; i < codeTiles; i++) {
            bitOf[order[i] / BANDS][order[i] % BANDS] = i % CODE_BITS;
        }
        for (int p = 0; p < PERIOD_TILES; p++) {
            for (int b = 0; b < BANDS; b++) {
                double sign = random.nextBoolean() ? 1 : -1;
                if (bitOf[p][b] < 0) {
                    sync[p][b] = sign;
                } else {
                    chips[p][b] = sign;
                }
            }
        }
        bandEdges = new double[BANDS + 1];
        double lowMel = mel(LOWEST_HZ), highMel = mel(HIGHEST_HZ);
        for (int b = 0; b <= BANDS; b++) {
            bandEdges[b] = hz(lowMel + (highMel - lowMel) * b / BANDS);
        }
    }

    public double strengthDb() {
        return strengthDb;
    }

    /**
     * {@code samples} (mono, at {@code rate}) with the watermark for {@code id}. {@code firstSample} is where the
     * samples start in the whole output, so that an output made of pieces carries one continuous pattern.
     */
    public float[] embed(float[] samples, int rate, long firstSample, long id) {
        if (rate < 2 * HIGHEST_HZ + 400) {
            throw new IllegalArgumentException("the watermark needs audio at 14 kHz or more, was " + rate + " Hz");
        }
        boolean[] code = codeWord(id);
        int n = Integer.highestOneBit((int) Math.round(rate * 0.012));
        int hop = n / 4;
        double[] window = Fft.hann(n);
        int bins = n / 2 + 1;
        int[] bandOfBin = new int[bins];
        for (int k = 0; k < bins; k++) {
            bandOfBin[k] = band((double) k * rate / n);
        }
        double[] out = new double[samples.length];
        double[] norm = new double[samples.length];
        double[] re = new double[n];
        double[] im = new double[n];
        double[] gainOfBand = new double[BANDS];
        double up = Math.pow(10, strengthDb / 20), down = 1 / up;
        for (int start = -n + hop; start < samples.length; start += hop) {
            double centre = (firstSample + start + n / 2.0) / rate;
            int p = (int) Math.floorMod((long) Math.floor(centre / TILE_SECONDS), (long) PERIOD_TILES);
            for (int b = 0; b < BANDS; b++) {
                double sign = bitOf[p][b] < 0 ? sync[p][b] : chips[p][b] * (code[bitOf[p][b]] ? 1 : -1);
                gainOfBand[b] = sign > 0 ? up : down;
            }
            for (int i = 0; i < n; i++) {
                int s = start + i;
                re[i] = s >= 0 && s < samples.length ? samples[s] * window[i] : 0;
                im[i] = 0;
            }
            Fft.transform(re, im, false);
            for (int k = 0; k < bins; k++) {
                double g = bandOfBin[k] < 0 ? 1 : gainOfBand[bandOfBin[k]];
                re[k] *= g;
                im[k] *= g;
                if (k > 0 && k < n / 2) {
                    re[n - k] *= g;
                    im[n - k] *= g;
                }
            }
            Fft.transform(re, im, true);
            for (int i = 0; i < n; i++) {
                int s = start + i;
                if (s >= 0 && s < samples.length) {
                    out[s] += re[i] * window[i];
                    norm[s] += window[i] * window[i];
                }
            }
        }
        float[] marked = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            marked[i] = norm[i] > 1e-9 ? (float) (out[i] / norm[i]) : samples[i];
        }
        return marked;
    }

    /**
     * What {@link #detect} found: the best alignment's {@code score} (standard deviations), whether it reaches the
     * threshold, a {@code confidence} (1 minus a bound on the chance that unmarked audio scores as high over all
     * alignments) and the soft code bits read at that alignment, for {@link #identify}.
     */
    public record Detection(boolean watermarked, double score, double confidence, double[] codeScores) {
    }

    /** Looks for the watermark in {@code samples}: mono at {@value #DETECTION_RATE} Hz, any level, any start. */
    public Detection detect(float[] samples, double threshold) {
        double[][] energy = bandEnergies(samples);
        double best = 0;
        int bestPhase = 0;
        double[][] bestContrasts = null;
        double[] bestWeights = null;
        for (int shift = 0; shift < HOPS_PER_TILE; shift++) {
            double[][] contrasts = tileContrasts(energy, shift);
            if (contrasts.length < 3) {
                continue;
            }
            double[] weights = bandWeights(contrasts);
            for (int phase = 0; phase < PERIOD_TILES; phase++) {
                double z = syncScore(contrasts, weights, phase);
                if (bestContrasts == null || z > best) {
                    best = z;
                    bestPhase = phase;
                    bestContrasts = contrasts;
                    bestWeights = weights;
                }
            }
        }
        double[] codeScores = new double[CODE_BITS];
        if (bestContrasts != null) {
            for (int j = 0; j < bestContrasts.length; j++) {
                int p = (j + bestPhase) % PERIOD_TILES;
                for (int b = 0; b < BANDS; b++) {
                    if (bitOf[p][b] >= 0) {
                        codeScores[bitOf[p][b]] += bestContrasts[j][b] * bestWeights[b] * chips[p][b];
                    }
                }
            }
        }
        return new Detection(bestContrasts != null && best >= threshold, best, confidence(best), codeScores);
    }

    /** The id among {@code 1 .. issuedUpTo} whose code word matches the detection, if one stands out. */
    public record Identification(long id, double score, double threshold) {
    }

    /**
     * The issued id (1 to {@code issuedUpTo}) whose code word best matches {@code detection}'s code bits, when its match
     * (in standard deviations) clears what the best of that many wrong ids would reach by chance with a margin.
     */
    public java.util.Optional<Identification> identify(Detection detection, long issuedUpTo) {
        double[] s = detection.codeScores();
        double norm = 0;
        for (double v : s) {
            norm += v * v;
        }
        if (!detection.watermarked() || norm == 0 || issuedUpTo < 1) {
            return java.util.Optional.empty();
        }
        norm = Math.sqrt(norm);
        // Partial sums per byte of the code word: one look-up per byte and candidate.
        int octets = CODE_BITS / 8;
        double[][] byByte = new double[octets][256];
        for (int octet = 0; octet < octets; octet++) {
            for (int value = 0; value < 256; value++) {
                double sum = 0;
                for (int bit = 0; bit < 8; bit++) {
                    sum += ((value >>> (7 - bit)) & 1) == 1 ? s[octet * 8 + bit] : -s[octet * 8 + bit];
                }
                byByte[octet][value] = sum / norm;
            }
        }
        long bestId = -1;
        double best = Double.NEGATIVE_INFINITY;
        for (long id = 1; id <= issuedUpTo; id++) {
            double m = 0;
            for (int w = 0; w < CODE_WORDS; w++) {
                long word = codeBits(id, w);
                for (int octet = 0; octet < 8; octet++) {
                    m += byByte[w * 8 + octet][(int) (word >>> (56 - 8 * octet)) & 0xFF];
                }
            }
            if (m > best) {
                best = m;
                bestId = id;
            }
        }
        double threshold = identificationThreshold(issuedUpTo);
        return best >= threshold ? java.util.Optional.of(new Identification(bestId, best, threshold)) : java.util.Optional.empty();
    }

    /**
     * The score that the best of {@code candidates} wrong code words (each about standard normal) exceeds with a chance of
     * at most one in 10,000: the tail bound {@code candidates * Q(t) = 1e-4}, solved by bisection.
     */
    static double identificationThreshold(long candidates) {
        double low = 0, high = 20;
        for (int i = 0; i < 60; i++) {
            double mid = (low + high) / 2;
            if (Math.max(1, candidates) * 0.5 * erfc(mid / Math.sqrt(2)) > 1e-4) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return high;
    }

    /** 1 minus a bound on the chance that unmarked audio scores this high at one of the alignments tried. */
    static double confidence(double score) {
        double tail = 0.5 * erfc(score / Math.sqrt(2)) * ALIGNMENTS;
        return Math.max(0, 1 - Math.min(1, tail));
    }

    private double syncScore(double[][] contrasts, double[] weights, int phase) {
        double sum = 0, squares = 0;
        for (int j = 0; j < contrasts.length; j++) {
            double[] pattern = sync[(j + phase) % PERIOD_TILES];
            for (int b = 0; b < BANDS; b++) {
                double term = contrasts[j][b] * weights[b] * pattern[b];
                sum += term;
                squares += term * term;
            }
        }
        return squares > 0 ? sum / Math.sqrt(squares) : 0;
    }

    /** Bands whose contrasts vary more (harmonics, noise) count less: 1 / variance. */
    private static double[] bandWeights(double[][] contrasts) {
        double[] weights = new double[BANDS];
        for (double[] row : contrasts) {
            for (int b = 0; b < BANDS; b++) {
                weights[b] += row[b] * row[b];
            }
        }
        for (int b = 0; b < BANDS; b++) {
            weights[b] = contrasts.length / (weights[b] + 1e-12);
        }
        return weights;
    }

    /**
     * Per tile (of 3 hops from {@code shift}) and band: the log energy minus the mean of its neighbours in time, then
     * minus the mean of its neighbours' values in frequency. Tiles at the edges are 0; silence (below a floor 30 dB
     * under the band's mean) gives about 0.
     */
    private static double[][] tileContrasts(double[][] energy, int shift) {
        int hops = energy.length;
        int tiles = (hops - shift) / HOPS_PER_TILE;
        if (tiles < 3) {
            return new double[0][];
        }
        double[] floor = new double[BANDS];
        for (double[] e : energy) {
            for (int b = 0; b < BANDS; b++) {
                floor[b] += e[b];
            }
        }
        for (int b = 0; b < BANDS; b++) {
            floor[b] = floor[b] / hops * HOPS_PER_TILE * 1e-3 + 1e-20;
        }
        double[][] tileEnergy = new double[tiles][BANDS];
        double[][] log = new double[tiles][BANDS];
        for (int j = 0; j < tiles; j++) {
            for (int b = 0; b < BANDS; b++) {
                double sum = 0;
                for (int h = 0; h < HOPS_PER_TILE; h++) {
                    sum += energy[shift + j * HOPS_PER_TILE + h][b];
                }
                tileEnergy[j][b] = sum;
                log[j][b] = Math.log(sum + floor[b]);
            }
        }
        double[] noise = noiseFloors(tileEnergy);
        double[][] inTime = new double[tiles][BANDS];
        for (int j = 1; j < tiles - 1; j++) {
            for (int b = 0; b < BANDS; b++) {
                inTime[j][b] = log[j][b] - 0.5 * (log[j - 1][b] + log[j + 1][b]);
            }
        }
        double[][] contrast = new double[tiles][BANDS];
        for (int j = 1; j < tiles - 1; j++) {
            for (int b = 1; b < BANDS - 1; b++) {
                // Only the speech in a tile carries the watermark: a tile mostly made of the recording's noise counts
                // as much as the speech's share of its energy.
                double speech = Math.max(0, 1 - noise[b] / (tileEnergy[j][b] + 1e-30));
                contrast[j][b] = (inTime[j][b] - 0.5 * (inTime[j][b - 1] + inTime[j][b + 1])) * speech;
            }
        }
        return contrast;
    }

    /** Per band: the energy of the quietest tenth of the tiles, taken for the recording's steady noise. */
    private static double[] noiseFloors(double[][] tileEnergy) {
        double[] floors = new double[BANDS];
        double[] column = new double[tileEnergy.length];
        for (int b = 0; b < BANDS; b++) {
            for (int j = 0; j < tileEnergy.length; j++) {
                column[j] = tileEnergy[j][b];
            }
            Arrays.sort(column);
            floors[b] = column[column.length / 10];
        }
        return floors;
    }

    private double[][] bandEnergies(float[] samples) {
        int hops = samples.length < DETECTION_FRAME ? 0 : (samples.length - DETECTION_FRAME) / DETECTION_HOP + 1;
        double[] window = Fft.hann(DETECTION_FRAME);
        int[] bandOfBin = new int[DETECTION_FRAME / 2 + 1];
        for (int k = 0; k < bandOfBin.length; k++) {
            bandOfBin[k] = band((double) k * DETECTION_RATE / DETECTION_FRAME);
        }
        double[][] energy = new double[hops][BANDS];
        double[] re = new double[DETECTION_FRAME];
        double[] im = new double[DETECTION_FRAME];
        for (int h = 0; h < hops; h++) {
            int start = h * DETECTION_HOP;
            for (int i = 0; i < DETECTION_FRAME; i++) {
                re[i] = samples[start + i] * window[i];
                im[i] = 0;
            }
            Fft.transform(re, im, false);
            for (int k = 0; k < bandOfBin.length; k++) {
                if (bandOfBin[k] >= 0) {
                    energy[h][bandOfBin[k]] += re[k] * re[k] + im[k] * im[k];
                }
            }
        }
        return energy;
    }

    private int band(double hz) {
        if (hz < bandEdges[0] || hz >= bandEdges[BANDS]) {
            return -1;
        }
        int b = Arrays.binarySearch(bandEdges, hz);
        return b >= 0 ? Math.min(b, BANDS - 1) : -b - 2;
    }

    boolean[] codeWord(long id) {
        boolean[] bits = new boolean[CODE_BITS];
        for (int i = 0; i < CODE_BITS; i++) {
            bits[i] = ((codeBits(id, i / 64) >>> (63 - i % 64)) & 1) == 1;
        }
        return bits;
    }

    /**
     * Part {@code part} (64 bits) of the id's code word: a keyed mix (the SplitMix64 finaliser), so that any two ids'
     * code words differ in about half their bits.
     */
    long codeBits(long id, int part) {
        long z = keySeed + ((id + 1) * CODE_WORDS + part) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long seed(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(("voxclone-watermark:" + key).getBytes(StandardCharsets.UTF_8));
            long s = 0;
            for (int i = 0; i < 8; i++) {
                s = (s << 8) | (d[i] & 0xFF);
            }
            return s;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static double mel(double hz) {
        return 2595 * Math.log10(1 + hz / 700);
    }

    private static double hz(double mel) {
        return 700 * (Math.pow(10, mel / 2595) - 1);
    }

    /** Complementary error function (Numerical Recipes' erfcc, fractional error below 1.2e-7). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
