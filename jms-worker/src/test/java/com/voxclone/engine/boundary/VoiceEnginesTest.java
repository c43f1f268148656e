package com.voxclone.engine.boundary;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.voxclone.engine.entity.EngineDescriptor;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The node's engine, only when it runs the model whose jobs the node's message selectors take. */
class VoiceEnginesTest {

    private final VoiceEngines engines = new VoiceEngines();
    private final VoiceEngine turbo = mock(VoiceEngine.class);

    @BeforeEach
    @SuppressWarnings("unchecked")
    void aTurboEngineIsPackaged() {
        when(turbo.id()).thenReturn("chatterbox");
        when(turbo.describe()).thenReturn(new EngineDescriptor("chatterbox", "chatterbox-turbo", "high", "release", "CPU", "cpu"));
        engines.engines = mock(Instance.class);
        when(engines.engines.iterator()).thenAnswer(call -> List.of(turbo).iterator());
        engines.providers = mock(Instance.class);
        when(engines.providers.iterator()).thenAnswer(call -> List.<VoiceEngineProvider>of().iterator());
        engines.selected = "chatterbox";
    }

    @Test
    void theEngineOfTheNodesModelIsUsed() {
        engines.nodeModel = "chatterbox-turbo";
        assertSame(turbo, engines.active());
    }

    @Test
    void anEngineOfAnotherModelThanTheSelectorsSpeaksNoJob() {
        engines.nodeModel = "chatterbox";
        IllegalStateException refused = assertThrows(IllegalStateException.class, engines::active);
        assertTrue(refused.getMessage().startsWith("The engine runs the model chatterbox-turbo, but this node takes the jobs of "
                + "chatterbox (voxclone.node.model"), refused.getMessage());
    }
}
