package com.voxclone.consent.boundary;

import com.voxclone.consent.entity.ConsentPolicy;
import com.voxclone.platform.boundary.Problem;
import com.voxclone.platform.entity.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The consent a new voice needs, checked for every way in (upload, batch, import, message bus) before anything of
 * the request is stored. The job's transaction then takes the consent for the job ({@link ConsentRecords#use}).
 */
@ApplicationScoped
public class ConsentGate {

    /** The clone request's field naming the answered challenge. */
    public static final String FIELD = "consentChallengeId";

    @Inject
    ConsentRecords records;

    /** The challenge id in a request's field, if one is given; a malformed one is added to {@code problems}. */
    public Optional<UUID> challengeId(String value, List<Violation> problems) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value.strip()));
        } catch (IllegalArgumentException e) {
            problems.add(new Violation(FIELD, FIELD + " must be the challengeId answered by "
                    + ConsentResource.CHALLENGES_PATH + "; '" + value + "' is not one"));
            return Optional.empty();
        }
    }

    /**
     * The consent named in a request's {@code fields}, checked before any media of the request is fetched (imports):
     * a request that would be refused for its consent costs no download.
     */
    public void precheck(UUID userId, Map<String, String> fields) {
        List<Violation> problems = new ArrayList<>();
        Optional<UUID> consent = challengeId(fields.get(FIELD), problems);
        if (!problems.isEmpty()) {
            throw Problem.invalidFields(problems);
        }
        admit(userId, consent, "");
    }

    /**
     * Whether a new voice may be cloned with {@code consent}.
     *
     * @throws ConsentUnusableException when the policy requires consent and none is given, or the one given cannot be used
     */
    public void admit(UUID userId, Optional<UUID> consent, String fieldPrefix) {
        if (consent.isEmpty()) {
            if (records.policy() == ConsentPolicy.REQUIRE) {
                throw new ConsentUnusableException(ConsentUnusableException.Reason.MISSING, "A voice is cloned only with the "
                        + "spoken consent of its speaker. Ask for a challenge (POST " + ConsentResource.CHALLENGES_PATH
                        + "), let the speaker read its text aloud, upload that recording to the challenge, and send the "
                        + "challenge's id as " + fieldPrefix + FIELD + ".");
            }
            return;
        }
        records.usableForClone(userId, consent.get());
    }
}
