package io.github.exha.archfixtures.layering.clustertoexchange.exchange;

public class StorageGroup {
}
