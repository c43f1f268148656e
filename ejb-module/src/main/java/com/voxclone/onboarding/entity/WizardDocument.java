package com.voxclone.onboarding.entity;

import com.voxclone.platform.entity.Violation;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules for a saved wizard state. The document belongs to the portal, so only what keeps the store sane is
 * checked: it is a JSON object of bounded size whose step is one of the wizard's steps.
 */
public final class WizardDocument {

    public static final int STEPS = 7;
    public static final int MAX_BYTES = 16 * 1024;

    private WizardDocument() {
    }

    public static List<Violation> check(JsonObject state) {
        List<Violation> problems = new ArrayList<>();
        if (state == null) {
            problems.add(new Violation("state", "send the wizard state as a JSON object"));
            return problems;
        }
        int bytes = state.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            problems.add(new Violation("state",
                    "the wizard state can be at most " + MAX_BYTES + " bytes of JSON, was " + bytes));
        }
        if (!(state.get("step") instanceof JsonNumber step) || !step.isIntegral()
                || step.intValue() < 1 || step.intValue() > STEPS) {
            problems.add(new Violation("step", "step must be a whole number from 1 to " + STEPS));
        }
        return problems;
    }
}
