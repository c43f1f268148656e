package com.voxclone.it;

import static com.voxclone.it.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.voxclone.audio.TestMedia;
import com.voxclone.audio.entity.MediaType;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A seeded fuzz suite: 504 damaged or odd media files (truncated, bytes flipped, absurd header sizes and durations, huge
 * video dimensions, many streams, spliced, repeated, garbage behind a real header, wrong extensions) in six formats,
 * each uploaded to clone a voice. What must hold: no answer is a server error, every refusal is problem details, every
 * accepted job ends completed or failed with a message a person can read, no job hangs, no temporary file is left
 * and the service is still ready. The seed is fixed so that a failure can be replayed; the file that failed is named.
 */
@ExtendWith(SharedStack.class)
@Order(9)
class MediaFuzzIT {

    private static final long SEED = 20_261_202L;
    private static final List<MediaType> TYPES = List.of(MediaType.MP3, MediaType.WAV, MediaType.MP4, MediaType.WEBM,
            MediaType.FLAC, MediaType.OGG);
    private static final int ROUNDS = 7;
    /** What a job's error must not look like: an exception's text instead of an explanation. */
    private static final Pattern INTERNAL = Pattern.compile("Exception|Error:|\\bat [a-z]+\\.[a-z]|\\bnull\\b|Cannot invoke|\\$");

    private interface Mutation {
        byte[] apply(byte[] file, MediaType type, Random r);
    }

    private final Map<String, Mutation> mutations = new LinkedHashMap<>();
    private final Map<MediaType, byte[]> bases = new EnumMap<>(MediaType.class);

    MediaFuzzIT() {
        mutations.put("truncated", (f, t, r) -> Arrays.copyOf(f, Math.max(1, f.length * (5 + r.nextInt(90)) / 100)));
        mutations.put("bytes flipped", (f, t, r) -> flip(f, 64 + r.nextInt(f.length - 64), 1 + r.nextInt(64), r, f.length));
        mutations.put("header bytes flipped", (f, t, r) -> flip(f, 0, 1 + r.nextInt(8), r, Math.min(512, f.length)));
        mutations.put("absurd header integers", (f, t, r) -> absurdIntegers(f, r));
        mutations.put("absurd duration", MediaFuzzIT::absurdDuration);
        mutations.put("huge dimensions or sizes", MediaFuzzIT::hugeDimensions);
        mutations.put("spliced with another format", (f, t, r) -> {
            byte[] other = bases.get(TYPES.get((TYPES.indexOf(t) + 1 + r.nextInt(TYPES.size() - 1)) % TYPES.size()));
            byte[] out = Arrays.copyOf(f, f.length / 2 + other.length / 2);
            System.arraycopy(other, other.length / 2, out, f.length / 2, other.length / 2);
            return out;
        });
        mutations.put("repeated", (f, t, r) -> {
            int times = 2 + r.nextInt(4);
            byte[] out = new byte[f.length * times];
            for (int i = 0; i < times; i++) {
                System.arraycopy(f, 0, out, i * f.length, f.length);
            }
            return out;
        });
        mutations.put("garbage behind a real header", (f, t, r) -> {
            byte[] out = new byte[f.length];
            r.nextBytes(out);
            System.arraycopy(f, 0, out, 0, Math.min(f.length, 16 + r.nextInt(4_096)));
            return out;
        });
        mutations.put("only the first bytes", (f, t, r) -> Arrays.copyOf(f, 1 + r.nextInt(64)));
        mutations.put("wrong extension", (f, t, r) -> f);
        mutations.put("many streams", (f, t, r) -> f);
    }

    @Test
    void damagedMediaNeverBreaksTheService() throws Exception {
        Api api = SharedStack.api();
        String key = api.createUser("Fuzzed");
        api.setQuotas(key, "{\"voices\":2000,\"concurrentJobs\":2000,\"storedBytes\":100000000000}");
        for (MediaType type : TYPES) {
            bases.put(type, Files.readAllBytes(Media.file("fuzz-base", type, TestMedia.speechLike(3, 48_000, SEED))));
        }
        Map<String, byte[]> manyStreams = manyStreams();
        long[] tempBefore = UploadLimitsIT.uploadsInTemp();

        Random random = new Random(SEED);
        List<String> problems = new ArrayList<>();
        Map<String, String> accepted = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(mutations.keySet());
        int files = 0;
        for (int round = 0; round < ROUNDS; round++) {
            for (String mutation : names) {
                for (MediaType type : TYPES) {
                    byte[] data;
                    String fileName = "fuzz-" + files + TestMedia.spec(type).suffix();
                    if (mutation.equals("many streams")) {
                        List<String> kinds = new ArrayList<>(manyStreams.keySet());
                        String kind = kinds.get(random.nextInt(kinds.size()));
                        data = manyStreams.get(kind);
                        fileName = "fuzz-" + files + kind;
                    } else {
                        data = mutations.get(mutation).apply(bases.get(type), type, random);
                        if (mutation.equals("wrong extension")) {
                            fileName = "fuzz-" + files + List.of(".mp3", ".wav", ".txt", ".mp4", "", ".flac").get(random.nextInt(6));
                        }
                    }
                    String what = "file " + files + " (" + type.label() + ", " + mutation + ", " + data.length + " bytes)";
                    HttpResponse<String> r = api.upload(key, Map.of("voiceName", "Fuzz " + files), data, fileName);
                    if (r.statusCode() >= 500) {
                        problems.add(what + ": " + r.statusCode() + " " + r.body());
                    } else if (r.statusCode() == 202) {
                        accepted.put(json(r).getString("jobId"), what);
                    } else if (!r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
                        problems.add(what + ": " + r.statusCode() + " without problem details: " + r.body());
                    }
                    files++;
                }
            }
        }
        assertTrue(files >= 500, files + " files");

        // Every accepted job ends, and a failure says why in words.
        long deadline = System.nanoTime() + Duration.ofMinutes(8).toNanos();
        for (var job : accepted.entrySet()) {
            Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
            JsonObject status = api.awaitFinished(key, job.getKey(), left);
            if (status.getString("status").equals("failed")) {
                String error = status.isNull("error") ? "" : status.getString("error");
                if (error.isBlank() || INTERNAL.matcher(error).find()) {
                    problems.add(job.getValue() + ": failed with '" + error + "'");
                }
            }
        }
        assertEquals(List.of(), problems, files + " files, " + accepted.size() + " accepted");
        assertEquals(Arrays.toString(tempBefore), Arrays.toString(UploadLimitsIT.uploadsInTemp()),
                "temporary upload files (count, bytes)");
        assertEquals(200, api.get("/health/ready", null).statusCode(), "the service is still ready");
    }

    private static byte[] flip(byte[] f, int from, int count, Random r, int to) {
        byte[] out = f.clone();
        for (int i = 0; i < count; i++) {
            int at = from + r.nextInt(Math.max(1, to - from));
            out[at] ^= (byte) (1 + r.nextInt(255));
        }
        return out;
    }

    private static final int[] ABSURD = {0xFFFFFFFF, 0x7FFFFFFF, 0x80000000, 0, 1, 0x00FFFFFF};

    /** A few 32-bit fields in the first kilobyte, where the headers are, set to extreme values. */
    private static byte[] absurdIntegers(byte[] f, Random r) {
        byte[] out = f.clone();
        ByteBuffer b = ByteBuffer.wrap(out).order(r.nextBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (int i = 1 + r.nextInt(4); i > 0; i--) {
            int at = 4 * r.nextInt(Math.min(out.length, 1_024) / 4);
            if (at + 4 <= out.length) {
                b.putInt(at, ABSURD[r.nextInt(ABSURD.length)]);
            }
        }
        return out;
    }

    /** The field that says how long the recording is, made to say something absurd. */
    private static byte[] absurdDuration(byte[] f, MediaType type, Random r) {
        byte[] out = f.clone();
        ByteBuffer le = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer be = ByteBuffer.wrap(out).order(ByteOrder.BIG_ENDIAN);
        int huge = r.nextBoolean() ? 0x7FFFFFF0 : 0x10;
        switch (type) {
            case WAV -> {
                int data = indexOf(out, "data", 12);
                if (data > 0) {
                    le.putInt(data + 4, huge);
                }
                le.putInt(4, huge);
            }
            case FLAC -> {
                // STREAMINFO: total samples are the low 36 bits ending at byte 8 + 18 + 8.
                int info = indexOf(out, "fLaC", 0) + 8;
                for (int i = 13; i < 18; i++) {
                    out[info + i] = (byte) (huge == 0x10 ? 0 : 0xFF);
                }
                out[info + 13] = (byte) (out[info + 13] | 0x0F);
            }
            case MP4 -> {
                for (String box : List.of("mvhd", "mdhd")) {
                    int at = indexOf(out, box, 0);
                    if (at > 0) {
                        be.putInt(at + 4 + 4 + 4 + 4 + 4, huge);
                    }
                }
            }
            case WEBM -> {
                // The Segment Info's Duration element (0x4489), a float: a thousand years, or almost nothing.
                int at = indexOf(out, new byte[] {0x44, (byte) 0x89}, 0);
                if (at > 0 && out[at + 2] == (byte) 0x88) {
                    be.putDouble(at + 3, huge == 0x10 ? 1e-3 : 3.15e13);
                }
            }
            case OGG -> {
                // The granule position (the sample count so far) of the last page.
                int last = lastIndexOf(out, "OggS");
                if (last >= 0) {
                    le.putLong(last + 6, huge == 0x10 ? 1 : Long.MAX_VALUE / 2);
                }
            }
            default -> {
                // MP3: a Xing or Info header's frame count, when the encoder wrote one; else a made-up one.
                int at = Math.max(indexOf(out, "Xing", 0), indexOf(out, "Info", 0));
                if (at > 0) {
                    be.putInt(at + 8, huge);
                } else {
                    return absurdIntegers(f, r);
                }
            }
        }
        return out;
    }

    /** Video dimensions (or, for audio formats, block and frame sizes) set to their largest values. */
    private static byte[] hugeDimensions(byte[] f, MediaType type, Random r) {
        byte[] out = f.clone();
        ByteBuffer be = ByteBuffer.wrap(out).order(ByteOrder.BIG_ENDIAN);
        switch (type) {
            case MP4 -> {
                // The visual sample entry: width and height 28 and 30 bytes after its type.
                int at = indexOf(out, "mp4v", 0);
                if (at > 0) {
                    be.putShort(at + 28, (short) 0xFFFF);
                    be.putShort(at + 30, (short) 0xFFFF);
                }
            }
            case WEBM -> {
                // PixelWidth (0xB0) and PixelHeight (0xBA) with 2-byte values.
                for (byte id : new byte[] {(byte) 0xB0, (byte) 0xBA}) {
                    int at = indexOf(out, new byte[] {id, (byte) 0x82}, 0);
                    if (at > 0) {
                        be.putShort(at + 2, (short) 0x7FFF);
                    }
                }
            }
            case FLAC -> {
                // STREAMINFO's largest block and frame sizes.
                int info = indexOf(out, "fLaC", 0) + 8;
                be.putShort(info + 2, (short) 0xFFFF);
                out[info + 7] = out[info + 8] = out[info + 9] = (byte) 0xFF;
            }
            case WAV -> {
                // fmt: 65535 channels, the largest block alignment.
                int fmt = indexOf(out, "fmt ", 12);
                ByteBuffer le = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
                le.putShort(fmt + 10, (short) 0xFFFF);
                le.putShort(fmt + 20, (short) 0xFFFF);
            }
            default -> {
                return absurdIntegers(f, r);
            }
        }
        return out;
    }

    /** Files with many streams, made by the ffmpeg command-line tool: 24 audio tracks, or 12 audio and 4 video. */
    private Map<String, byte[]> manyStreams() throws IOException, InterruptedException {
        Path wav = Media.dir().resolve("fuzz-base.wav");
        Path mp4 = Media.dir().resolve("fuzz-base.mp4");
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<String> audioMaps = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            audioMaps.addAll(List.of("-map", "0:a"));
        }
        files.put(".mka", ffmpeg(wav, audioMaps, List.of("-c:a", "libopus", "-b:a", "24k"), ".mka"));
        List<String> mixed = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            mixed.addAll(List.of("-map", "0:a"));
        }
        for (int i = 0; i < 4; i++) {
            mixed.addAll(List.of("-map", "0:v"));
        }
        files.put(".mp4", ffmpeg(mp4, mixed, List.of("-c", "copy"), ".mp4"));
        return files;
    }

    private static byte[] ffmpeg(Path in, List<String> maps, List<String> codec, String suffix) throws IOException, InterruptedException {
        Path out = Files.createTempFile(Media.dir(), "fuzz-streams-", suffix);
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-i", in.toString()));
        command.addAll(maps);
        command.addAll(codec);
        command.add(out.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + output);
        return Files.readAllBytes(out);
    }

    private static int indexOf(byte[] data, String ascii, int from) {
        return indexOf(data, ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII), from);
    }

    private static int indexOf(byte[] data, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int lastIndexOf(byte[] data, String ascii) {
        byte[] needle = ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = data.length - needle.length; i >= 0; i--) {
            if (Arrays.equals(data, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
