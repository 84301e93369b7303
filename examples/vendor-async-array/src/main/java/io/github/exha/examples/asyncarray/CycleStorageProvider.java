package io.github.exha.examples.asyncarray;

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

/**
 * The example plugin's entry point, vendor id {@code async-array}: an array that replicates only asynchronously, in
 * cycles ({@link CycleOptions#cycle()}), keeps no change map across a suspension (resume and resync copy every
 * written chunk), cannot split or reverse a group, and resynchronises only from source to target. Everything the
 * plugin does not claim in {@link #capabilities()} is refused with {@link StorageErrorCode#UNSUPPORTED_CAPABILITY},
 * and the TCK skips its rules.
 */
public final class CycleStorageProvider implements StorageProvider {
    /** The vendor id topologies name ({@code vendor: async-array}). */
    public static final String VENDOR_ID = "async-array";

    /** What this array does beyond the baseline; see the README for what each missing one means in a runbook. */
    static final Set<Capability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(
            Capability.ASYNC_REPLICATION,
            Capability.CONSISTENCY_GROUPS,
            Capability.FAILOVER,
            Capability.RESYNC_SOURCE_TO_TARGET));

    /** For {@link java.util.ServiceLoader}: public, no arguments, no state. */
    public CycleStorageProvider() {
    }

    @Override
    public String vendorId() {
        return VENDOR_ID;
    }

    @Override
    public String displayName() {
        return "exha example async-only array (cycle-based)";
    }

    /** The SPI this plugin was compiled against; a host refuses the plugin when its SPI cannot load this one. */
    @Override
    public SpiVersion spiVersion() {
        return SpiVersion.parse(SpiVersion.VERSION);
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Options: see {@link CycleOptions}.
     */
    @Override
    public StorageArray createArray(ArraySpec spec, StorageContext context) {
        if (spec == null || context == null) {
            throw new StorageException(StorageErrorCode.INVALID_ARGUMENT, "An array needs a spec and a context.", null);
        }
        return new CycleArray(spec, context, CycleOptions.parse(spec.name(), spec.options()));
    }

    /** Whether this plugin claims {@code capability}. */
    static boolean claims(Capability capability) {
        return CAPABILITIES.contains(capability);
    }
}
