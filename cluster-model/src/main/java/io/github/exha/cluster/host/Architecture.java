package io.github.exha.cluster.host;

/** Processor architectures of Windows Server builds. */
public enum Architecture {
    /** 32-bit x86. */
    X86,
    /** 64-bit x64 (Exchange 2007 production servers need it). */
    X64
}
