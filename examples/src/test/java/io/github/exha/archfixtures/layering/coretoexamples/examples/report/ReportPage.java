package io.github.exha.archfixtures.layering.coretoexamples.examples.report;

public class ReportPage {
    public String title() {
        return "report";
    }
}
