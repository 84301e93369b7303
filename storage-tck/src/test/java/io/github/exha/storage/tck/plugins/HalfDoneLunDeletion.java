package io.github.exha.storage.tck.plugins;

import io.github.exha.storage.spi.StorageArray;
import io.github.exha.storage.spi.StorageContext;
import io.github.exha.storage.spi.StorageErrorCode;
import io.github.exha.storage.spi.StorageException;
import io.github.exha.storage.spi.StorageProvider;

/**
 * Broken: a refused LUN deletion still hides the LUN from its hosts, so the failed operation leaves half a change
 * (rule 2.11).
 */
public final class HalfDoneLunDeletion extends ForwardingStorageProvider {
    /** Breaks {@code working}. */
    public HalfDoneLunDeletion(StorageProvider working) {
        super(working);
    }

    @Override
    protected StorageArray array(StorageArray array, StorageContext context) {
        return new ForwardingStorageArray(array, this, context) {
            @Override
            public void deleteLun(String lun) {
                try {
                    delegate.deleteLun(lun);
                } catch (StorageException e) {
                    if (e.code() == StorageErrorCode.LUN_IN_USE) {
                        for (String host : delegate.lun(lun).presentedTo()) {
                            delegate.unpresent(lun, host);
                        }
                    }
                    throw e;
                }
            }
        };
    }
}
