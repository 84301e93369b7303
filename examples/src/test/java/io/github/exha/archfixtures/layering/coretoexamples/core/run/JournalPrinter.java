package io.github.exha.archfixtures.layering.coretoexamples.core.run;

/** Violation: core reaches up into examples. */
public class JournalPrinter {
    public String print() {
        return new io.github.exha.archfixtures.layering.coretoexamples.examples.report.ReportPage().title();
    }
}
