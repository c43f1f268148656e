package com.voxclone.onboarding.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class WizardDocumentTest {

    @Test
    void acceptsAStepWithChoices() {
        var state = Json.createObjectBuilder().add("step", 4).add("voiceName", "Anna")
                .add("settings", Json.createObjectBuilder().add("exaggeration", 0.7)).build();
        assertTrue(WizardDocument.check(state).isEmpty());
    }

    @Test
    void refusesStepsOutsideTheWizard() {
        for (var step : List.of(Json.createValue(0), Json.createValue(8), Json.createValue(2.5), Json.createValue("3"))) {
            var problems = WizardDocument.check(Json.createObjectBuilder().add("step", step).build());
            assertEquals(List.of("step"), problems.stream().map(p -> p.field()).toList(), "step " + step);
        }
    }

    @Test
    void refusesAMissingStateAndOversizedDocuments() {
        assertEquals("state", WizardDocument.check(null).get(0).field());
        var big = Json.createObjectBuilder().add("step", 1).add("note", "x".repeat(WizardDocument.MAX_BYTES)).build();
        var problems = WizardDocument.check(big);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).message().contains("at most " + WizardDocument.MAX_BYTES + " bytes"), problems.get(0).message());
    }
}
