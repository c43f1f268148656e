package com.voxclone.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A built WAR, unpacked by the build: its own classes ({@code WEB-INF/classes} and the VoxClone jars other than the
 * core, e.g. the engines), the core module's classes, and the names of the libraries it carries. The plain-Java
 * library modules (signal analysis) hold no components; both WARs may carry them, like any third-party library.
 */
record Deployable(String name, JavaClasses classes, Set<String> ownClasses, Set<String> coreClasses, List<String> libraries) {

    static final String CORE_JAR = "ejb-module-";
    static final String LIBRARY_JAR = "signal-analysis-";

    static Deployable load(String name) {
        Path root = root(name);
        Path lib = root.resolve("WEB-INF/lib");
        List<Path> jars = list(lib);
        List<Path> voxclone = jars.stream().filter(j -> isVoxClone(j)).toList();
        Path core = voxclone.stream().filter(j -> fileName(j).startsWith(CORE_JAR)).findFirst()
                .orElseThrow(() -> new AssertionError(name + ": the core module's jar is missing from WEB-INF/lib"));
        List<Location> locations = new ArrayList<>();
        locations.add(Location.of(root.resolve("WEB-INF/classes")));
        voxclone.forEach(j -> locations.add(Location.of(uri(j))));
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importLocations(locations);
        Set<String> coreClasses = namesIn(new ClassFileImporter().importLocations(List.of(Location.of(uri(core)))));
        Set<String> libraryClasses = namesIn(new ClassFileImporter().importLocations(voxclone.stream()
                .filter(j -> fileName(j).startsWith(LIBRARY_JAR)).map(j -> Location.of(uri(j))).toList()));
        Set<String> own = classes.stream().map(JavaClass::getName).filter(n -> n.startsWith("com.voxclone."))
                .filter(n -> !coreClasses.contains(n) && !libraryClasses.contains(n)).collect(Collectors.toSet());
        List<String> libraries = jars.stream().map(Deployable::fileName).sorted().toList();
        return new Deployable(name, classes, own, coreClasses, libraries);
    }

    /** Every VoxClone class of both deployables, each once. */
    static JavaClasses both(String first, String second) {
        Map<String, Location> locations = new LinkedHashMap<>();
        for (String name : List.of(first, second)) {
            Path root = root(name);
            locations.put(name, Location.of(root.resolve("WEB-INF/classes")));
            list(root.resolve("WEB-INF/lib")).stream().filter(Deployable::isVoxClone)
                    .forEach(j -> locations.putIfAbsent(fileName(j), Location.of(uri(j))));
        }
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importLocations(locations.values());
    }

    /** Where the build unpacked the WAR {@code name}. */
    private static Path root(String name) {
        return Path.of(System.getProperty("voxclone.deployables", "target/deployables")).resolve(name);
    }

    private static boolean isVoxClone(Path jar) {
        String n = fileName(jar);
        return n.startsWith(CORE_JAR) || n.startsWith("engine-") || n.startsWith(LIBRARY_JAR) || n.startsWith("web-module-") || n.startsWith("jms-worker-");
    }

    private static Set<String> namesIn(JavaClasses classes) {
        return classes.stream().map(JavaClass::getName).filter(n -> n.startsWith("com.voxclone.")).collect(Collectors.toSet());
    }

    private static URI uri(Path jar) {
        return URI.create("jar:" + jar.toUri() + "!/");
    }

    private static String fileName(Path p) {
        return p.getFileName().toString();
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> fileName(p).endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("the unpacked deployable is missing (build with ./mvnw verify): " + dir, e);
        }
    }
}
