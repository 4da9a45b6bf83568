package fr.essor.calls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DossierExportTests {

    @Test
    void aFieldThatASpreadsheetWouldReadAsAFormulaIsNeutralisedAndQuoted() {
        assertThat(DossierExport.field("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(DossierExport.field("+33 6 12")).isEqualTo("\"'+33 6 12\"");
        assertThat(DossierExport.field("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
        assertThat(DossierExport.field("-12.50")).isEqualTo("-12.50");
        assertThat(DossierExport.field("Clés, pompes")).isEqualTo("\"Clés, pompes\"");
        assertThat(DossierExport.field("Atelier")).isEqualTo("Atelier");
    }
}
