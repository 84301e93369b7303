package io.github.exha.storage.tck;

import io.github.exha.storage.spi.StorageProvider;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The whole TCK in one class: extend it, implement {@link #provider()}, and JUnit runs every contract as a nested
 * class (rules 1.x to 4.x).
 *
 * <pre>{@code
 * class AcmeCertificationTest extends StorageTck {
 *     protected StorageProvider provider() { return new AcmeStorageProvider(); }
 * }
 * }</pre>
 *
 * <p>To change a fixture (array specs, link, LUN sizes) extend the four contract classes instead, one small class each,
 * and override the fixture methods there; {@link #CONTRACTS} lists them. Only {@link #provider()} and {@link #seed()}
 * are passed to the nested contracts.
 */
public abstract class StorageTck {
    /** The contract classes, one per SPI role, in rule order. */
    public static final List<Class<? extends StorageContract>> CONTRACTS = List.of(ProviderContract.class,
            ArrayContract.class, BlockDeviceContract.class, ReplicationContract.class);

    /** The plugin under test. */
    protected abstract StorageProvider provider();

    /** The seed every contract's context starts from. */
    protected long seed() {
        return 20080301L;
    }

    /** Rules 1.x for {@link StorageTck#provider()}. */
    @Nested
    @DisplayName("1 Provider")
    public class ProviderRules extends ProviderContract {
        /** Creates the nested contract; JUnit calls it. */
        public ProviderRules() {
        }

        @Override
        protected StorageProvider provider() {
            return StorageTck.this.provider();
        }

        @Override
        protected long seed() {
            return StorageTck.this.seed();
        }
    }

    /** Rules 2.x for {@link StorageTck#provider()}. */
    @Nested
    @DisplayName("2 Array")
    public class ArrayRules extends ArrayContract {
        /** Creates the nested contract; JUnit calls it. */
        public ArrayRules() {
        }

        @Override
        protected StorageProvider provider() {
            return StorageTck.this.provider();
        }

        @Override
        protected long seed() {
            return StorageTck.this.seed();
        }
    }

    /** Rules 3.x for {@link StorageTck#provider()}. */
    @Nested
    @DisplayName("3 Block device")
    public class BlockDeviceRules extends BlockDeviceContract {
        /** Creates the nested contract; JUnit calls it. */
        public BlockDeviceRules() {
        }

        @Override
        protected StorageProvider provider() {
            return StorageTck.this.provider();
        }

        @Override
        protected long seed() {
            return StorageTck.this.seed();
        }
    }

    /** Rules 4.x for {@link StorageTck#provider()}. */
    @Nested
    @DisplayName("4 Replication")
    public class ReplicationRules extends ReplicationContract {
        /** Creates the nested contract; JUnit calls it. */
        public ReplicationRules() {
        }

        @Override
        protected StorageProvider provider() {
            return StorageTck.this.provider();
        }

        @Override
        protected long seed() {
            return StorageTck.this.seed();
        }
    }
}
