package io.github.exha.storage.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime SPI check end to end: a plugin is really compiled against an SPI whose {@link SpiVersion#VERSION} says
 * another version (a stand-in {@code SpiVersion} source next to the plugin's), then loaded through
 * {@link java.util.ServiceLoader} next to this SPI, as a vendor's jar built for another exha would be.
 */
class SpiVersionCheckTest {
    @TempDir
    Path dir;

    @Test
    void aPluginBuiltForTheNextMajorSpiIsRefusedNamingThePluginAndBothVersions() throws IOException {
        ClassLoader plugin = pluginBuiltAgainst("2.0");
        assertThatThrownBy(() -> StorageProviders.load(plugin))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.code()).isEqualTo(StorageErrorCode.INCOMPATIBLE_SPI_VERSION))
                .hasMessageContaining("Storage plugin 'acme' (acme.AcmeProvider) was built for storage SPI 2.0")
                .hasMessageContaining("this exha provides SPI " + SpiVersion.VERSION);
    }

    @Test
    void aPluginBuiltForANewerMinorSpiIsRefused() throws IOException {
        SpiVersion newer = new SpiVersion(SpiVersion.CURRENT.major(), SpiVersion.CURRENT.minor() + 1);
        ClassLoader plugin = pluginBuiltAgainst(newer.toString());
        assertThatThrownBy(() -> StorageProviders.find(plugin, "acme"))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.code()).isEqualTo(StorageErrorCode.INCOMPATIBLE_SPI_VERSION))
                .hasMessageContaining("was built for storage SPI " + newer);
    }

    @Test
    void aPluginBuiltForThisSpiLoadsAndReportsTheVersionItWasCompiledAgainst() throws IOException {
        StorageProvider acme = StorageProviders.find(pluginBuiltAgainst(SpiVersion.VERSION), "acme");
        assertThat(acme.spiVersion()).isEqualTo(SpiVersion.CURRENT).isNotSameAs(SpiVersion.CURRENT);
    }

    @Test
    void versionsParseAsMajorDotMinorOnly() {
        assertThat(SpiVersion.parse("1.12")).isEqualTo(new SpiVersion(1, 12));
        for (String bad : new String[] {"1", "1.0.0", "v1.0", "-1.0", "", " 1.0"}) {
            assertThatThrownBy(() -> SpiVersion.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("major.minor");
        }
        assertThat(SpiVersion.CURRENT).hasToString(SpiVersion.VERSION);
    }

    /** Compiles plugin {@code acme} against an SPI declaring {@code version}; loads it next to the real SPI. */
    private ClassLoader pluginBuiltAgainst(String version) throws IOException {
        Path src = dir.resolve("src");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path stub = write(src.resolve("io/github/exha/storage/spi/SpiVersion.java"), """
                package io.github.exha.storage.spi;
                public record SpiVersion(int major, int minor) {
                    public static final String VERSION = "%s";
                    public static SpiVersion parse(String text) {
                        int dot = text.indexOf('.');
                        return new SpiVersion(Integer.parseInt(text.substring(0, dot)),
                                Integer.parseInt(text.substring(dot + 1)));
                    }
                }
                """.formatted(version));
        Path provider = write(src.resolve("acme/AcmeProvider.java"), """
                package acme;
                import io.github.exha.storage.spi.*;
                import java.util.Set;
                public final class AcmeProvider implements StorageProvider {
                    public String vendorId() { return "acme"; }
                    public String displayName() { return "Acme array"; }
                    public SpiVersion spiVersion() { return SpiVersion.parse(SpiVersion.VERSION); }
                    public Set<Capability> capabilities() { return Set.of(); }
                    public StorageArray createArray(ArraySpec spec, StorageContext context) {
                        throw new UnsupportedOperationException();
                    }
                }
                """);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String spiClasses = Path.of(StorageProvider.class.getProtectionDomain().getCodeSource().getLocation()
                .getPath()).toString();
        int status = javac.run(null, null, null, "-d", classes.toString(), "-classpath", spiClasses,
                stub.toString(), provider.toString());
        assertThat(status).as("javac exit status").isZero();
        // Only the plugin ships: the stand-in SPI class is what it was compiled against, not what it runs with.
        Files.delete(classes.resolve("io/github/exha/storage/spi/SpiVersion.class"));
        write(classes.resolve("META-INF/services/" + StorageProvider.class.getName()), "acme.AcmeProvider\n");
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
