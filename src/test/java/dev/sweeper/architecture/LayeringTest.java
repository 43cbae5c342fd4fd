package dev.sweeper.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameStartingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of STYLE.md, checked on the compiled main classes: dependencies point inward
 * ({@code cli → app → core ← aws, report, config}), {@code core} is JDK only, and the sandbox (the
 * other side of the wire) shares no code with the sweeper, so that a misunderstanding of AWS cannot
 * hide by being made twice.
 */
class LayeringTest {
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        // The build's own output only: scanning the whole class path for the package takes half a minute.
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPath(Path.of("target", "classes"));
    }

    @Test
    void layers_whenImported_dependOnlyInward() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("cli").definedBy("dev.sweeper.cli..")
                .layer("lambda").definedBy("dev.sweeper.lambda..")
                .layer("app").definedBy("dev.sweeper.app..")
                .layer("core").definedBy("dev.sweeper.core..")
                .layer("aws").definedBy("dev.sweeper.aws..")
                .layer("report").definedBy("dev.sweeper.report..")
                .layer("config").definedBy("dev.sweeper.config..")
                .layer("audit").definedBy("dev.sweeper.audit..")
                .layer("sandbox").definedBy("dev.sweeper.sandbox..")
                .whereLayer("cli").mayOnlyBeAccessedByLayers("lambda")
                .whereLayer("lambda").mayNotBeAccessedByAnyLayer()
                .whereLayer("app").mayOnlyBeAccessedByLayers("cli", "lambda", "audit")
                .whereLayer("aws").mayOnlyBeAccessedByLayers("cli", "lambda")
                .whereLayer("report").mayOnlyBeAccessedByLayers("cli", "lambda")
                .whereLayer("config").mayOnlyBeAccessedByLayers("cli", "lambda", "audit") // audit: per-user paths (UserDirs)
                .whereLayer("audit").mayOnlyBeAccessedByLayers("cli", "lambda")
                .whereLayer("sandbox").mayOnlyBeAccessedByLayers("cli")
                .check(main);
    }

    @Test
    void core_whenImported_usesTheJdkOnly() {
        noClasses().that().resideInAPackage("dev.sweeper.core..")
                .should().dependOnClassesThat().resideOutsideOfPackages("dev.sweeper.core..", "java..")
                .check(main);
    }

    @Test
    void app_whenImported_knowsNoPicocliAndNoSdk() {
        noClasses().that().resideInAnyPackage("dev.sweeper.app..", "dev.sweeper.report..", "dev.sweeper.config..")
                .should().dependOnClassesThat().resideInAnyPackage("picocli..", "software.amazon.awssdk..")
                .check(main);
    }

    /**
     * The rooms of {@code app}: the engine ({@code dev.sweeper.app} itself) knows no job, it takes an ActionPlan; the
     * jobs ({@code app.job}) choose the per-resource actions ({@code app.action}), which read the evidence
     * ({@code app.evidence}); nothing points back at a job, and the evidence knows no action.
     */
    @Test
    void appRooms_whenImported_knowNoJobButFromTheCommands() {
        noClasses().that().resideInAnyPackage("dev.sweeper.app", "dev.sweeper.app.action..", "dev.sweeper.app.evidence..")
                .should().dependOnClassesThat().resideInAPackage("dev.sweeper.app.job..")
                .check(main);
        noClasses().that().resideInAPackage("dev.sweeper.app.evidence..")
                .should().dependOnClassesThat().resideInAPackage("dev.sweeper.app.action..")
                .check(main);
    }

    /**
     * Outside {@code app}, no action or evidence class is named; a command names a job by its constant in {@code Jobs}
     * (the one job built from a request of its own, apps idle-shutdown's, by its class: its audit records are read
     * back for --undo).
     */
    @Test
    void appRooms_whenImported_showOnlyTheEngineAndJobsOutside() {
        noClasses().that().resideOutsideOfPackage("dev.sweeper.app..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sweeper.app.action..", "dev.sweeper.app.evidence..")
                .check(main);
        noClasses().that().resideOutsideOfPackage("dev.sweeper.app.job..")
                .should().dependOnClassesThat(resideInAPackage("dev.sweeper.app.job..").and(not(simpleName("Jobs")))
                        .and(not(nameStartingWith("dev.sweeper.app.job.IdleShutdownJob"))))
                .check(main);
    }

    @Test
    void sandbox_whenImported_sharesNoCodeWithTheSweeper() {
        noClasses().that().resideInAPackage("dev.sweeper.sandbox..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sweeper.aws..", "dev.sweeper.app..",
                        "dev.sweeper.core..", "dev.sweeper.cli..", "dev.sweeper.config..", "dev.sweeper.report..",
                        "software.amazon.awssdk..")
                .check(main);
    }
}
