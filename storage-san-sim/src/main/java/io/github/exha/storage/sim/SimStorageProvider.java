package io.github.exha.storage.sim;

import io.github.exha.storage.spi.ArraySpec;
import io.github.exha.storage.spi.Capability;
import io.github.exha.storage.spi.SpiVersion;
import io.github.exha.storage.spi.StorageArray;
import io.github.exha.storage.spi.StorageContext;
import io.github.exha.storage.spi.StorageErrorCode;
import io.github.exha.storage.spi.StorageException;
import io.github.exha.storage.spi.StorageProvider;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** The reference storage plugin, vendor id {@code sim}: every capability, deterministic under the context's time. */
public final class SimStorageProvider implements StorageProvider {
    /** The vendor id topologies name. */
    public static final String VENDOR_ID = "sim";

    /** For {@link java.util.ServiceLoader}. */
    public SimStorageProvider() {
    }

    @Override
    public String vendorId() {
        return VENDOR_ID;
    }

    @Override
    public String displayName() {
        return "exha simulated SAN";
    }

    /** The SPI this plugin was compiled against: {@link SpiVersion#VERSION} is inlined by javac, see there. */
    @Override
    public SpiVersion spiVersion() {
        return SpiVersion.parse(SpiVersion.VERSION);
    }

    @Override
    public Set<Capability> capabilities() {
        return Collections.unmodifiableSet(EnumSet.allOf(Capability.class));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Options: see {@link SimOptions}.
     */
    @Override
    public StorageArray createArray(ArraySpec spec, StorageContext context) {
        if (spec == null || context == null) {
            throw new StorageException(StorageErrorCode.INVALID_ARGUMENT, "An array needs a spec and a context.", null);
        }
        return new SimArray(spec, context, SimOptions.parse(spec.name(), spec.options()));
    }
}
