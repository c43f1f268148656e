package com.voxclone.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The component rules of the README's architecture section, on every VoxClone class the two deployables carry:
 * each class belongs to a component's boundary, control or entity; no component reaches into another's control; and
 * the components depend on each other without cycles.
 */
class ComponentRulesTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importDeployables() {
        classes = Deployable.both("web", "worker");
    }

    @Test
    void everyClassBelongsToAComponentLayer() {
        classes().that().resideInAPackage("com.voxclone..")
                .should(new ArchCondition<JavaClass>("reside in a component's boundary, control or entity package") {
                    @Override
                    public void check(JavaClass c, ConditionEvents events) {
                        if (Components.of(c.getPackageName()).isEmpty()) {
                            events.add(SimpleConditionEvent.violated(c, c.getName()
                                    + " is not in a boundary, control or entity package of a component"));
                        }
                    }
                }).check(classes);
    }

    @Test
    void noComponentUsesAnotherComponentsControl() {
        classes().that().resideInAPackage("com.voxclone..")
                .should(new ArchCondition<JavaClass>("use only the boundary and entity of other components") {
                    @Override
                    public void check(JavaClass origin, ConditionEvents events) {
                        var from = Components.of(origin.getPackageName());
                        for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                            var to = Components.of(d.getTargetClass().getPackageName());
                            if (from.isPresent() && to.isPresent() && to.get().layer() == Components.Layer.CONTROL
                                    && !to.get().component().equals(from.get().component())) {
                                events.add(SimpleConditionEvent.violated(d, d.getDescription()
                                        + ": reaches into the control of component '" + to.get().component() + "'"));
                            }
                        }
                    }
                }).check(classes);
    }

    /** The authentication filter also closes the admin paths; each resource states its rule itself as well. */
    @Test
    void administrationResourcesAreForAdministratorsOnly() {
        classes().that().areAnnotatedWith("jakarta.ws.rs.Path")
                .and(new DescribedPredicate<JavaClass>("serve a path under admin") {
                    @Override
                    public boolean test(JavaClass c) {
                        String path = c.getAnnotationOfType("jakarta.ws.rs.Path").get("value").map(String::valueOf).orElse("");
                        return path.startsWith("admin") || path.startsWith("/admin");
                    }
                })
                .should().beAnnotatedWith("com.voxclone.account.boundary.AdministratorsOnly")
                .check(classes);
    }

    /**
     * Requests over the message bus are answered with the same problem details as HTTP, by the same mappers; a mapper
     * the replies do not know would turn that exception into an internal error on the bus.
     */
    @Test
    void everyExceptionMapperAlsoAnswersMessageBusRequests() {
        // By name and annotation: the JAX-RS interfaces are not among the imported classes.
        classes().that().areAnnotatedWith("jakarta.ws.rs.ext.Provider").and().haveSimpleNameEndingWith("Mapper")
                .and().doNotHaveSimpleName("ProblemMapper")
                .should(new ArchCondition<JavaClass>("be used by the message bus's replies (ReplyProblems)") {
                    @Override
                    public void check(JavaClass mapper, ConditionEvents events) {
                        boolean used = mapper.getDirectDependenciesToSelf().stream()
                                .anyMatch(d -> d.getOriginClass().getSimpleName().equals("ReplyProblems"));
                        if (!used) {
                            events.add(SimpleConditionEvent.violated(mapper, mapper.getName()
                                    + " is not in ReplyProblems' list: the message bus would answer its exception with 500"));
                        }
                    }
                }).check(classes);
    }

    @Test
    void componentsHaveNoCycles() {
        slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                return Components.of(c.getPackageName()).map(p -> SliceIdentifier.of(p.component()))
                        .orElse(SliceIdentifier.ignore());
            }

            @Override
            public String getDescription() {
                return "business components";
            }
        }).should().beFreeOfCycles().check(classes);
    }
}
