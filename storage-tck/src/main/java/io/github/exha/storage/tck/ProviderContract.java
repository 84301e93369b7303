package io.github.exha.storage.tck;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.exha.storage.spi.ArraySpec;
import io.github.exha.storage.spi.LunSpec;
import io.github.exha.storage.spi.SpiVersion;
import io.github.exha.storage.spi.StorageArray;
import io.github.exha.storage.spi.StorageErrorCode;
import io.github.exha.storage.spi.StorageProvider;
import io.github.exha.storage.spi.StorageProviders;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Rules 1.x: the plugin's entry point. Extend it, implement {@link #provider()}, and run it with JUnit 5.
 *
 * <pre>{@code
 * class AcmeProviderTest extends ProviderContract {
 *     protected StorageProvider provider() { return new AcmeStorageProvider(); }
 * }
 * }</pre>
 */
public abstract class ProviderContract extends StorageContract {
    /** A vendor option no plugin knows; rule 1.6 expects it refused. */
    protected String unknownVendorOption() {
        return "tck.no-such-option";
    }

    /** The class loader the plugin is registered in (META-INF/services); the test class path by default. */
    protected ClassLoader pluginClassLoader() {
        return getClass().getClassLoader();
    }

    /** Rule 1.1. */
    @Test
    @DisplayName("1.1 The vendor id is lower-case letters, digits and dashes")
    public void r1_1_vendorIdIsLowerCaseLettersDigitsAndDashes() {
        String id = provider().vendorId();
        assertNotNull(id, "vendorId");
        assertTrue(id.matches("[a-z0-9]+(-[a-z0-9]+)*"), "vendor id '" + id + "' must be lower-case letters, digits"
                + " and single dashes, starting and ending with a letter or digit");
        assertFalse(provider().displayName() == null || provider().displayName().isBlank(), "displayName is blank");
    }

    /** Rule 1.2. */
    @Test
    @DisplayName("1.2 The plugin's SPI version is accepted by this SPI and compiled into the plugin")
    public void r1_2_spiVersionIsAcceptedByTheCurrentSpi() {
        SpiVersion version = provider().spiVersion();
        // SpiVersion.CURRENT is the SPI the plugin runs next to, so returning it would hide a plugin built for another
        // SPI; SpiVersion.parse(SpiVersion.VERSION) is a fresh value from a constant javac compiled into the plugin.
        assertFalse(version == SpiVersion.CURRENT, "spiVersion() returns SpiVersion.CURRENT, the SPI on the class"
                + " path at run time; return SpiVersion.parse(SpiVersion.VERSION) so the version the plugin was"
                + " compiled against is compiled into it");
        assertTrue(SpiVersion.CURRENT.accepts(version), "plugin built for SPI " + version + " is not accepted by SPI "
                + SpiVersion.CURRENT);
        assertDoesNotThrow(() -> StorageProviders.check(provider()));
    }

    /** Rule 1.3. */
    @Test
    @DisplayName("1.3 ServiceLoader finds the plugin by its vendor id")
    public void r1_3_serviceLoaderFindsThePluginByItsVendorId() {
        StorageProvider found = StorageProviders.find(pluginClassLoader(), provider().vendorId());
        assertEquals(provider().vendorId(), found.vendorId());
        assertEquals(provider().spiVersion(), found.spiVersion());
        assertEquals(provider().capabilities(), found.capabilities(),
                "the registered plugin claims other capabilities");
        assertTrue(Modifier.isPublic(found.getClass().getModifiers()), "the provider class must be public");
        assertDoesNotThrow(() -> found.getClass().getConstructor(), "the provider needs a public no-argument"
                + " constructor");
    }

    /** Rule 1.4. */
    @Test
    @DisplayName("1.4 Capabilities are stable: changing the returned set changes nothing")
    public void r1_4_capabilitiesAreStable() {
        var capabilities = provider().capabilities();
        assertNotNull(capabilities);
        assertEquals(capabilities, provider().capabilities(), "capabilities change between calls");
        var copy = Set.copyOf(capabilities);
        try {
            capabilities.clear();
        } catch (UnsupportedOperationException expected) {
            return; // unmodifiable: fine
        }
        assertEquals(copy, provider().capabilities(), "clearing the returned set changed the plugin's capabilities");
    }

    /** Rule 1.5. */
    @Test
    @DisplayName("1.5 createArray with a valid spec returns an empty, powered-on array matching the spec")
    public void r1_5_createArrayReturnsAnEmptyArrayMatchingTheSpec() {
        ArraySpec spec = primaryArraySpec();
        StorageArray array = provider().createArray(spec, context());
        assertEquals(spec.name(), array.name());
        assertEquals(spec.site(), array.site());
        assertEquals(spec.serial(), array.serial());
        assertEquals(provider().vendorId(), array.vendorId());
        assertEquals(spec.capacityBytes(), array.capacityBytes());
        assertEquals(spec.capacityBytes(), array.freeBytes(), "a new array has all its capacity free");
        assertTrue(array.isPoweredOn(), "a new array is powered on");
        assertTrue(array.luns().isEmpty(), "a new array has no LUNs");
        assertTrue(array.hosts().isEmpty(), "a new array has no hosts");
        assertTrue(array.links().isEmpty(), "a new array has no links");
        assertTrue(array.consistencyGroups().isEmpty(), "a new array has no consistency groups");
    }

    /** Rule 1.6. */
    @Test
    @DisplayName("1.6 An unknown vendor option is refused with INVALID_ARGUMENT")
    public void r1_6_unknownVendorOptionIsRefusedWithInvalidArgument() {
        ArraySpec valid = primaryArraySpec();
        ArraySpec spec = new ArraySpec(valid.name(), valid.site(), valid.serial(), valid.capacityBytes(),
                Map.of(unknownVendorOption(), "1"));
        assertRefused(StorageErrorCode.INVALID_ARGUMENT, () -> provider().createArray(spec, context()),
                "createArray with option " + unknownVendorOption());
    }

    /** Rule 1.7. */
    @Test
    @DisplayName("1.7 The provider is stateless: arrays of one provider are independent")
    public void r1_7_arraysOfOneProviderAreIndependent() {
        StorageArray first = provider().createArray(primaryArraySpec(), context());
        StorageArray second = provider().createArray(primaryArraySpec(), new TckStorageContext(seed() + 1));
        first.createLun(LunSpec.of("TCK-ONLY-FIRST", lunSizeBytes()));
        assertTrue(second.luns().isEmpty(), "a LUN created on one array appeared on another");
        assertEquals(second.capacityBytes(), second.freeBytes());
    }
}
