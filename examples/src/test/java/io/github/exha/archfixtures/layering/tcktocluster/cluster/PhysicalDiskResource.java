package io.github.exha.archfixtures.layering.tcktocluster.cluster;

public class PhysicalDiskResource {
}
