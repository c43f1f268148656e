package com.voxclone.integration.control;

import com.voxclone.consent.boundary.ConsentUnusableException;
import com.voxclone.consent.boundary.ConsentUnusableMapper;
import com.voxclone.audio.boundary.MediaRejectedException;
import com.voxclone.audio.boundary.MediaRejectedMapper;
import com.voxclone.importer.boundary.ImportRejectedException;
import com.voxclone.importer.boundary.ImportRejectedMapper;
import com.voxclone.platform.boundary.InvalidInputException;
import com.voxclone.platform.boundary.InvalidInputMapper;
import com.voxclone.platform.boundary.ProblemMapper;
import com.voxclone.quota.boundary.QuotaExceededException;
import com.voxclone.quota.boundary.QuotaExceededMapper;
import com.voxclone.voice.boundary.SpeechFailedException;
import com.voxclone.voice.boundary.SpeechFailedMapper;
import com.voxclone.voice.boundary.VoiceInactiveException;
import com.voxclone.voice.boundary.VoiceInactiveMapper;
import com.voxclone.voice.boundary.VoiceNotFoundException;
import com.voxclone.voice.boundary.VoiceNotFoundMapper;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import java.util.Optional;

/**
 * A failure of a request that came over the message bus, answered as HTTP would answer it: by the same exception
 * mappers, so the problem details are the same whichever way the request came.
 */
public final class ReplyProblems {

    /** The components' own mappers, as JAX-RS would pick them for these exceptions. */
    private static final List<Mapping<?>> MAPPERS = List.of(
            new Mapping<>(InvalidInputException.class, new InvalidInputMapper()),
            new Mapping<>(VoiceNotFoundException.class, new VoiceNotFoundMapper()),
            new Mapping<>(VoiceInactiveException.class, new VoiceInactiveMapper()),
            new Mapping<>(SpeechFailedException.class, new SpeechFailedMapper()),
            new Mapping<>(MediaRejectedException.class, new MediaRejectedMapper()),
            new Mapping<>(QuotaExceededException.class, new QuotaExceededMapper()),
            new Mapping<>(ImportRejectedException.class, new ImportRejectedMapper()),
            new Mapping<>(ConsentUnusableException.class, new ConsentUnusableMapper()));

    private record Mapping<T extends Throwable>(Class<T> type, ExceptionMapper<T> mapper) {
        Optional<Response> map(Throwable e) {
            return type.isInstance(e) ? Optional.of(mapper.toResponse(type.cast(e))) : Optional.empty();
        }
    }

    private ReplyProblems() {
    }

    public static Response of(Throwable error) {
        Throwable cause = ProblemMapper.unwrap(error);
        // Problems themselves, other HTTP errors, and the unexpected (logged with an incident id) by the general mapper.
        return MAPPERS.stream().flatMap(m -> m.map(cause).stream()).findFirst()
                .orElseGet(() -> new ProblemMapper().toResponse(cause));
    }
}
