package io.github.exha.examples.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;

/**
 * Runs every architecture rule against the production classes of all exha modules on this module's
 * classpath ({@code examples} depends on every other module). Test classes, including the rule fixtures,
 * are excluded.
 */
@AnalyzeClasses(packages = ExhaModule.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests LAYERING = ArchTests.in(LayeringRules.class);

    @ArchTest
    static final ArchTests SPI_PURITY = ArchTests.in(SpiPurityRules.class);

    @ArchTest
    static final ArchTests DETERMINISM = ArchTests.in(DeterminismRules.class);

    @ArchTest
    static final ArchTests STATIC_STATE = ArchTests.in(StaticStateRules.class);

    @ArchTest
    static final ArchTests GUICE_CONFINEMENT = ArchTests.in(GuiceConfinementRules.class);

    @ArchTest
    static final ArchTests CYCLES = ArchTests.in(CycleRules.class);

    @ArchTest
    static final ArchTests SANDBOX = ArchTests.in(SandboxRules.class);
}
