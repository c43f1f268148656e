package com.voxclone.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each deployable carries only what it runs. The web WAR has no engine, job-processing or worker code and the
 * worker WAR no portal, sign-in or import code; what both carry, the core module, holds only what both use.
 *
 * <p>"Uses" is measured on the bytecode: starting from a WAR's own classes and the core's container entry points
 * (entities, start-up beans, producers, observers), everything they reference, and the implementations of what
 * they reference, is reachable. A core class outside an {@code entity} package that one of the WARs never reaches
 * belongs in the other WAR's module, unless it is part of the engine contract that the engine modules compile
 * against.
 */
class DeployablesTest {

    /** Libraries only a worker needs: engines, their models' runtimes and speech synthesisers. */
    private static final List<String> WORKER_LIBRARIES = List.of("engine-", "jms-worker", "onnxruntime", "tokenizers",
            "freetts", "marytts", "voice-cmu", "jtok");
    /** Libraries only the web tier needs: company sign-in and the importer's HTTP client. */
    private static final List<String> WEB_LIBRARIES = List.of("web-module", "nimbus-jose-jwt", "httpclient5");
    /** The engine contract: in the core because the engine modules compile against it, but called by workers only. */
    private static final Set<String> ENGINE_CONTRACT = Set.of("com.voxclone.engine.boundary.VoiceEngine",
            "com.voxclone.engine.boundary.VoiceEngineProvider", "com.voxclone.engine.boundary.EngineException");
    private static final Set<String> ENTRY_POINT_ANNOTATIONS = Set.of("jakarta.ejb.Startup", "jakarta.ejb.MessageDriven",
            "jakarta.persistence.Entity", "jakarta.persistence.Embeddable", "jakarta.persistence.Converter",
            "jakarta.ws.rs.Path", "jakarta.ws.rs.ext.Provider", "org.eclipse.microprofile.health.Readiness",
            "org.eclipse.microprofile.health.Liveness");

    /** Classes the core's persistence unit names in its properties (the persistence provider loads them). */
    private static final Set<String> PERSISTENCE_UNIT_CLASSES = persistenceUnitClasses();

    private static Deployable web;
    private static Deployable worker;

    @BeforeAll
    static void load() {
        web = Deployable.load("web");
        worker = Deployable.load("worker");
    }

    @Test
    void webCarriesNoWorkerLibraries() {
        assertEquals(List.of(), matching(web.libraries(), WORKER_LIBRARIES), "worker-only libraries in the web WAR");
    }

    @Test
    void workerCarriesNoWebLibraries() {
        assertEquals(List.of(), matching(worker.libraries(), WEB_LIBRARIES), "web-only libraries in the worker WAR");
    }

    @Test
    void bothCarryTheSameCore() {
        assertEquals(web.coreClasses(), worker.coreClasses());
        assertTrue(web.coreClasses().contains("com.voxclone.job.entity.VoiceCloneJob"), "the core holds the shared entities");
    }

    @Test
    void neitherCarriesTheOthersOwnClasses() {
        Set<String> shared = new TreeSet<>(web.ownClasses());
        shared.retainAll(worker.ownClasses());
        assertEquals(Set.of(), shared, "classes outside the core in both WARs");
    }

    @Test
    void theCoreHoldsOnlyWhatBothDeployablesUse() {
        // By outermost class: a class's nested ones (the compiler's switch tables among them) go where it goes.
        Set<String> webUses = outermost(reachable(web));
        Set<String> workerUses = outermost(reachable(worker));
        Set<String> oneSided = new TreeSet<>();
        for (String c : outermost(web.coreClasses())) {
            boolean shared = Components.of(packageOf(c)).map(p -> p.layer() == Components.Layer.ENTITY).orElse(false)
                    || ENGINE_CONTRACT.contains(outermost(c));
            if (!shared && !(webUses.contains(c) && workerUses.contains(c))) {
                oneSided.add(outermost(c) + (webUses.contains(c) ? " (web only)" : workerUses.contains(c) ? " (worker only)" : " (neither)"));
            }
        }
        assertEquals(Set.of(), oneSided, "core classes that are not used by both deployables: move each to the module of the"
                + " deployable that uses it (web-module or jms-worker), or delete it");
    }

    /** The VoxClone classes a deployable runs: its own, the core's entry points, and all they lead to. */
    private static Set<String> reachable(Deployable d) {
        Set<String> seen = new HashSet<>();
        Deque<JavaClass> work = new ArrayDeque<>();
        d.classes().stream().filter(c -> d.ownClasses().contains(c.getName())
                        || d.coreClasses().contains(c.getName()) && isEntryPoint(c))
                .forEach(c -> {
                    seen.add(c.getName());
                    work.add(c);
                });
        while (!work.isEmpty()) {
            JavaClass c = work.poll();
            Set<JavaClass> next = new HashSet<>();
            c.getDirectDependenciesFromSelf().stream().map(Dependency::getTargetClass).forEach(next::add);
            next.addAll(c.getAllSubclasses());
            c.getEnclosingClass().ifPresent(next::add);
            for (JavaClass n : next) {
                if (n.getName().startsWith(Components.ROOT) && d.classes().contain(n.getName()) && seen.add(n.getName())) {
                    work.add(d.classes().get(n.getName()));
                }
            }
        }
        return seen;
    }

    private static boolean isEntryPoint(JavaClass c) {
        return ENTRY_POINT_ANNOTATIONS.stream().anyMatch(c::isAnnotatedWith) || PERSISTENCE_UNIT_CLASSES.contains(c.getName())
                || c.getMethods().stream().anyMatch(DeployablesTest::isContainerCalled);
    }

    private static boolean isContainerCalled(JavaMethod m) {
        return m.isAnnotatedWith("jakarta.enterprise.inject.Produces")
                || m.getParameters().stream().anyMatch(p -> p.isAnnotatedWith("jakarta.enterprise.event.Observes"));
    }

    private static Set<String> persistenceUnitClasses() {
        try {
            String unit = Files.readString(Path.of("../ejb-module/src/main/resources/META-INF/persistence.xml"));
            return Pattern.compile("value=\"(" + Pattern.quote(Components.ROOT) + "[\\w.$]+)\"").matcher(unit).results()
                    .map(m -> m.group(1)).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException("the core's persistence unit could not be read", e);
        }
    }

    private static List<String> matching(List<String> libraries, List<String> prefixes) {
        return libraries.stream().filter(l -> prefixes.stream().anyMatch(l::startsWith)).collect(Collectors.toList());
    }

    private static String packageOf(String className) {
        return className.substring(0, className.lastIndexOf('.'));
    }

    private static Set<String> outermost(Set<String> classNames) {
        return classNames.stream().map(DeployablesTest::outermost).collect(Collectors.toSet());
    }

    private static String outermost(String className) {
        int nested = className.indexOf('$');
        return nested < 0 ? className : className.substring(0, nested);
    }
}
