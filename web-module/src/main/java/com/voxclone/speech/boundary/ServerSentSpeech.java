package com.voxclone.speech.boundary;

import com.voxclone.audio.boundary.AudioOutput;
import com.voxclone.audio.boundary.AudioPipeline;
import com.voxclone.audio.entity.PcmAudio;
import com.voxclone.speech.control.PieceSynthesis;
import com.voxclone.speech.control.SpeechAssembly;
import com.voxclone.speech.entity.SpeechParameters;
import jakarta.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Speech as Server-Sent Events, as OpenAI defines them for {@code stream_format: sse}: {@code speech.audio.delta} events
 * carrying the encoded audio (base64) as it is made, then one {@code speech.audio.done}. VoxClone has no tokens; its
 * {@code usage} counts characters of input and milliseconds of audio.
 */
final class ServerSentSpeech {

    private ServerSentSpeech() {
    }

    static void write(PcmAudio first, PieceSynthesis.Pieces pieces, SpeechParameters request, AudioPipeline pipeline,
                      OutputStream out) throws IOException {
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        AudioOutput audio = pipeline.stream(request.format(), encoded);
        long millis = SpeechAssembly.write(first, pieces, request.tempo(), new AudioOutput() {
            @Override
            public void write(PcmAudio piece) throws IOException {
                audio.write(piece);
                delta(encoded, out);
            }

            @Override
            public void close() throws IOException {
                audio.close();
                delta(encoded, out);
            }
        });
        event(out, Json.createObjectBuilder().add("type", "speech.audio.done").add("usage", Json.createObjectBuilder()
                .add("input_characters", request.input().length()).add("output_audio_ms", millis)).build().toString());
    }

    private static void delta(ByteArrayOutputStream encoded, OutputStream out) throws IOException {
        if (encoded.size() > 0) {
            String audio = Base64.getEncoder().encodeToString(encoded.toByteArray());
            encoded.reset();
            event(out, Json.createObjectBuilder().add("type", "speech.audio.delta").add("audio", audio).build().toString());
        }
    }

    private static void event(OutputStream out, String json) throws IOException {
        out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
